package io.idbridge.directory.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpDirectoryConfigTest {

  private static Map<String, String> http(String... keyValues) {
    Map<String, String> p =
        new HashMap<>(
            Map.of(
                "directory.type",
                "http",
                "directory.http.loginUrl",
                "https://backend.example/login"));
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put("directory.http." + keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static String problems(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> Config.read("f", props, Map.of()))
        .getMessage();
  }

  @Test
  void pathsAreDottedOrJsonPointers() {
    HttpDirectoryConfig c =
        Config.read(
                "f", http("userIdPath", "data.users.0.id", "emailPath", "/user/e~1mail"), Map.of())
            .directory()
            .http();
    assertEquals("/data/users/0/id", c.userIdPath().toString());
    assertEquals("/user/e~1mail", c.emailPath().orElseThrow().toString());
    assertEquals("/backend_error_code", c.errorCodePath().toString());
    assertEquals("/backend_error_message", c.errorMessagePath().toString());
  }

  @Test
  void headersAreNamedPairsAndNeverEchoed() {
    HttpDirectoryConfig c =
        Config.read("f", http("headers", "X-Api-Key: k-1, X-Tenant: t"), Map.of())
            .directory()
            .http();
    assertEquals(Map.of("X-Api-Key", "k-1", "X-Tenant", "t"), c.headers());
    String message = problems(http("headers", "X-Api-Key k-secret-1"));
    assertTrue(message.contains("directory.http.headers: each entry must be Name: value"), message);
    assertFalse(message.contains("k-secret-1"));
    assertTrue(problems(http("headers", "Host: other")).contains("directory.http.headers"));
  }

  @Test
  void theLoginUrlIsRequiredAndHttp() {
    Map<String, String> p = http();
    p.remove("directory.http.loginUrl");
    assertTrue(
        problems(p)
            .contains("f: directory.http.loginUrl: is required when directory.type is http"));
    assertTrue(
        problems(http("loginUrl", "ftp://x/login"))
            .contains("directory.http.loginUrl: must be an http"));
  }

  @Test
  void rejectStatusesAre4xxAndTheUserUrlNeedsAnId() {
    assertEquals(
        Set.of(401, 403), Config.read("f", http(), Map.of()).directory().http().rejectStatuses());
    assertTrue(
        problems(http("rejectStatuses", "401,500"))
            .contains("must be a list of 4xx statuses (500)"));
    assertTrue(
        problems(http("userUrl", "https://backend.example/users"))
            .contains("directory.http.userUrl"));
  }
}
