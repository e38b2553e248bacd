package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of style.md, read from the sources: the core stays free of servlets and
 * contracts.
 */
class DependencyRulesTest {
  static final Path MAIN = Path.of("src/main/java/io/idbridge");
  static final Set<String> CORE =
      Set.of("core", "password", "mfa", "jwt", "directory", "state", "config", "jdbc", "json");
  static final Set<String> CONTRACTS = Set.of("voltmx", "mca", "connectycube", "appid", "api");
  static final Set<String> MAY_USE_JETTY =
      Set.of(
          "Main.java",
          "JsonServerErrors.java",
          "CompactPaths.java",
          "TlsConnectors.java",
          "CertificateReloader.java",
          "HttpsRedirect.java");

  /**
   * Every qualified type name in a source, imported or written out in the code: {@code
   * jakarta.servlet.http.HttpServletRequest} in a signature is as much a dependency as its import.
   */
  static final Pattern QUALIFIED =
      Pattern.compile("\\b((?:jakarta|javax|org|com|io)(?:\\.[a-z_]\\w*)+\\.[A-Z]\\w*)");

  static final Pattern PACKAGE_LINE = Pattern.compile("^package [\\w.]+;", Pattern.MULTILINE);

  /**
   * @param imports the qualified names the source uses, imports and written-out names alike
   */
  record Source(String topPackage, String file, List<String> imports) {}

  static List<Source> sources() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Source> all = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = MAIN.relativize(f);
        String top = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
        Matcher m = QUALIFIED.matcher(PACKAGE_LINE.matcher(Files.readString(f)).replaceFirst(""));
        List<String> imports = new ArrayList<>();
        while (m.find()) {
          imports.add(m.group(1));
        }
        all.add(new Source(top, rel.toString(), imports));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theCoreImportsNoServletTypeAndNoContract() {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      if (!CORE.contains(s.topPackage())) {
        continue;
      }
      for (String i : s.imports()) {
        boolean contract = CONTRACTS.stream().anyMatch(c -> i.startsWith("io.idbridge." + c + "."));
        if (i.startsWith("jakarta.servlet") || i.startsWith("org.eclipse.jetty") || contract) {
          violations.add(s.file() + " imports " + i);
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void contractPackagesDoNotImportEachOther() {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      if (!CONTRACTS.contains(s.topPackage())) {
        continue;
      }
      for (String i : s.imports()) {
        for (String other : CONTRACTS) {
          if (!other.equals(s.topPackage()) && i.startsWith("io.idbridge." + other + ".")) {
            violations.add(s.file() + " imports " + i);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyMainImportsJetty() {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      String name = Path.of(s.file()).getFileName().toString();
      if (s.topPackage().isEmpty() && MAY_USE_JETTY.contains(name)) {
        continue;
      }
      s.imports().stream()
          .filter(i -> i.startsWith("org.eclipse.jetty"))
          .forEach(i -> violations.add(s.file() + " imports " + i));
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void writtenOutNamesCountLikeImports() {
    Matcher m = QUALIFIED.matcher("void f(jakarta.servlet.http.HttpServletRequest req) {}");
    assertEquals(true, m.find());
    assertEquals("jakarta.servlet.http.HttpServletRequest", m.group(1));
  }

  @Test
  void everyJacksonMapperComesFromJsonMappers() throws IOException {
    // Jackson's default buffer pool pins a redeployed webapp to the container's threads.
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (!f.endsWith(Path.of("json", "JsonMappers.java"))
            && Pattern.compile(
                    "new (ObjectMapper|JsonMapper|JsonFactory)\\(|JsonMapper\\.builder\\(")
                .matcher(text)
                .find()) {
          violations.add(MAIN.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theRulesSeeTheSources() {
    // Guards the rules above against passing vacuously on a moved source tree.
    assertEquals(true, sources().stream().anyMatch(s -> s.topPackage().equals("core")));
    assertEquals(
        true,
        sources().stream()
            .anyMatch(
                s ->
                    s.file().equals("Main.java")
                        && s.imports().stream().anyMatch(i -> i.startsWith("org.eclipse.jetty"))));
  }
}
