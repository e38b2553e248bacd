package io.idbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus text format read by the Prometheus project's own parser (the Python client's
 * {@code prometheus_client.parser}, Debian's python3-prometheus-client, which .ci/run installs): a
 * page it rejects fails the test. No maintained Java parser of the format exists. Without the
 * parser the suite is skipped, saying so.
 */
public final class PrometheusText {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final String PARSE =
      String.join(
          "\n",
          "import json, math, sys",
          "from prometheus_client.parser import text_string_to_metric_families",
          "out = []",
          "for family in text_string_to_metric_families(sys.stdin.read()):",
          "    for s in family.samples:",
          "        out.append({'type': family.type, 'name': s.name, 'labels': s.labels,",
          "                    'value': repr(float(s.value))})",
          "json.dump(out, sys.stdout)");

  /** One sample: a line of the page. */
  public record Sample(String type, String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  /** Call from {@code @BeforeAll}: skips the suite when the parser is not installed. */
  public static void require(Class<?> suite) {
    boolean present = false;
    if (Files.isExecutable(PYTHON)) {
      try {
        Process p =
            new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client.parser")
                .redirectErrorStream(true)
                .start();
        present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        present = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!present) {
      String line =
          "SKIPPED "
              + suite.getSimpleName()
              + ": no Prometheus text parser (apt-get install python3-prometheus-client)";
      System.out.println(line);
      Assumptions.abort(line);
    }
  }

  public static List<Sample> parse(String page) {
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", PARSE).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(page.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      Assertions.assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the parser did not finish");
      Assertions.assertEquals(0, p.exitValue(), "the parser rejects the page: " + err);
      List<Sample> samples = new ArrayList<>();
      for (JsonNode s : new ObjectMapper().readTree(out)) {
        Map<String, String> labels = new LinkedHashMap<>();
        s.get("labels")
            .fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        samples.add(
            new Sample(
                s.get("type").asText(),
                s.get("name").asText(),
                labels,
                number(s.get("value").asText())));
      }
      return samples;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of one series; 0 when the page has no such series (a counter not yet counted). */
  public static double value(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value)
        .sum();
  }

  private static double number(String repr) {
    return switch (repr) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.parseDouble(repr);
    };
  }
}
