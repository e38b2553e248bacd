package io.idbridge.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command line split into positional words, {@code --option value} pairs and {@code --flag}s. */
final class CliArgs {
  final List<String> words = new ArrayList<>();
  final Map<String, List<String>> options = new LinkedHashMap<>();
  final List<String> flags = new ArrayList<>();

  /**
   * @param flagNames the options that take no value
   * @throws CliException for an option missing its value
   */
  static CliArgs parse(List<String> args, Set<String> flagNames) {
    CliArgs a = new CliArgs();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        a.words.add(arg);
      } else if (flagNames.contains(arg)) {
        a.flags.add(arg);
      } else if (i + 1 < args.size()) {
        a.options.computeIfAbsent(arg, k -> new ArrayList<>()).add(args.get(++i));
      } else {
        throw new CliException(arg + " needs a value");
      }
    }
    return a;
  }

  Optional<String> option(String name) {
    List<String> values = options.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  /** Fails on an option the command does not know, rather than ignoring a typo. */
  void allow(Set<String> known) {
    for (String name : options.keySet()) {
      if (!known.contains(name)) {
        throw new CliException("unknown option " + name);
      }
    }
    for (String name : flags) {
      if (!known.contains(name)) {
        throw new CliException("unknown option " + name);
      }
    }
  }

  String word(int i, String what) {
    if (i >= words.size()) {
      throw new CliException("missing " + what);
    }
    return words.get(i);
  }
}
