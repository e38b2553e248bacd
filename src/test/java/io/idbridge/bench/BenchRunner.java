package io.idbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of this package with JMH, briefly unless the arguments say otherwise (JMH's
 * own options: {@code -f -wi -i -w -r -t}, a benchmark regex; and {@code --rounds N}), and prints
 * each one's time as a multiple of an argon2id verify.
 */
public final class BenchRunner {
  static final String ARGON2 = "PasswordHashBenchmark.argon2idVerify";
  static final String LOGIN = "LoginBenchmark.loginAndOpenSession";

  private BenchRunner() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    int rounds = 1;
    int at = rest.indexOf("--rounds");
    CommandLineOptions cli;
    try {
      if (at >= 0) {
        rounds = Integer.parseInt(rest.remove(at + 1));
        rest.remove(at);
      }
      cli = new CommandLineOptions(rest.toArray(String[]::new));
    } catch (CommandLineOptionException | IndexOutOfBoundsException | NumberFormatException e) {
      System.err.println("error: " + e.getMessage() + " (--rounds N, or JMH's options: -h)");
      System.exit(2);
      return;
    }
    if (cli.shouldHelp()) {
      cli.showHelp();
      return;
    }
    print(run(options(cli), rounds));
  }

  /**
   * Runs every benchmark once per round and merges the rounds as JMH merges forks. More rounds of
   * fewer iterations put every benchmark in each stretch of a shared machine's background load, so
   * the ratios hold.
   */
  static List<RunResult> run(Options options, int rounds) throws RunnerException {
    Map<String, BenchmarkParams> params = new LinkedHashMap<>();
    Map<String, List<BenchmarkResult>> results = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (RunResult r : new Runner(options).run()) {
        params.putIfAbsent(name(r), r.getParams());
        results.computeIfAbsent(name(r), k -> new ArrayList<>()).addAll(r.getBenchmarkResults());
      }
    }
    List<RunResult> merged = new ArrayList<>();
    params.forEach((name, p) -> merged.add(new RunResult(p, results.get(name))));
    return merged;
  }

  /**
   * The command line over short defaults: the machine is small and shared, and a ratio needs less
   * time than an absolute number, since both sides of it meet the same noise.
   */
  static Options options(CommandLineOptions cli) {
    OptionsBuilder options = new OptionsBuilder();
    options
        .parent(cli)
        .forks(cli.getForkCount().orElse(1))
        .warmupIterations(cli.getWarmupIterations().orElse(2))
        .warmupTime(cli.getWarmupTime().orElse(TimeValue.seconds(1)))
        .measurementIterations(cli.getMeasurementIterations().orElse(3))
        .measurementTime(cli.getMeasurementTime().orElse(TimeValue.seconds(1)))
        .timeUnit(cli.getTimeUnit().orElse(TimeUnit.MICROSECONDS));
    if (!cli.getJvmArgs().hasValue()) {
      // The heap we recommend for the server (README, Performance): each argon2id verify allocates
      // 19 MiB, and a default heap that starts small spends much of a login growing and collecting
      // it.
      options.jvmArgsAppend("-Xms1g", "-Xmx1g");
    }
    if (cli.getBenchModes().isEmpty()) {
      options.mode(Mode.AverageTime);
    }
    return options.build();
  }

  static void print(List<RunResult> results) {
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> Double.compare(timePerOp(b), timePerOp(a)));
    RunResult argon2 = find(sorted, ARGON2);
    System.out.println();
    System.out.printf(
        Locale.ROOT, "%-66s %12s %8s  %s%n", "benchmark", "time/op", "error", "x argon2id verify");
    for (RunResult r : sorted) {
      double error = relativeError(r);
      System.out.printf(
          Locale.ROOT,
          "%-66s %12.2f %8s  %s%n",
          name(r) + " (" + unit(r) + ")",
          timePerOp(r),
          Double.isNaN(error) ? "-" : String.format(Locale.ROOT, "±%.0f%%", 100 * error),
          argon2 == null ? "" : ratio(r, argon2));
    }
    RunResult login = find(sorted, LOGIN);
    if (argon2 == null) {
      System.out.println("\nRATIOS need " + ARGON2 + " in the run");
      return;
    }
    System.out.println(
        "\nRATIOS (time per operation / argon2id verify time, measured in this run):");
    for (RunResult r : sorted) {
      if (r != argon2) {
        System.out.printf(Locale.ROOT, "  %-58s %s%n", name(r), ratio(r, argon2));
      }
    }
    if (login != null) {
      double overhead = timePerOp(login) - timePerOp(argon2);
      System.out.printf(
          Locale.ROOT,
          "  login path beyond the hash: %.1f %s (%.1f%% of a login); ~1.0x above means"
              + " the hash dominates%n",
          overhead,
          unit(login),
          100 * overhead / timePerOp(login));
    }
    if (sorted.stream().anyMatch(r -> relativeError(r) > 0.2)) {
      System.out.println(
          "  (noisy: an error above ±20%; a busy machine or too few iterations: try --rounds 3)");
    }
  }

  /**
   * The 99.9% confidence half-width over the score; NaN when there were too few iterations to say.
   */
  private static double relativeError(RunResult r) {
    return r.getPrimaryResult().getScoreError() / r.getPrimaryResult().getScore();
  }

  private static String ratio(RunResult r, RunResult argon2) {
    double x = timePerOp(r) / timePerOp(argon2);
    return String.format(Locale.ROOT, x >= 0.1 ? "%.2fx" : "%.5fx", x);
  }

  /** Time per operation in the run's unit, whatever the mode: throughput is inverted. */
  static double timePerOp(RunResult r) {
    double score = r.getPrimaryResult().getScore();
    return r.getParams().getMode() == Mode.Throughput ? 1 / score : score;
  }

  private static String unit(RunResult r) {
    String unit = r.getPrimaryResult().getScoreUnit();
    return r.getParams().getMode() == Mode.Throughput
        ? unit.substring(unit.indexOf('/') + 1) + "/op"
        : unit;
  }

  /** The benchmark's name, and its {@code @Param} values, which make separate results. */
  private static String name(RunResult r) {
    BenchmarkParams p = r.getParams();
    String name = p.getBenchmark().substring(BenchRunner.class.getPackageName().length() + 1);
    List<String> values = new ArrayList<>();
    for (String key : p.getParamsKeys()) {
      values.add(key + "=" + p.getParam(key));
    }
    return values.isEmpty() ? name : name + " " + String.join(",", values);
  }

  private static RunResult find(List<RunResult> results, String name) {
    return results.stream().filter(r -> name(r).equals(name)).findFirst().orElse(null);
  }
}
