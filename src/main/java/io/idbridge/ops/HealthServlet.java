package io.idbridge.ops;

import io.idbridge.http.Responses;
import io.idbridge.password.HashingStatus;
import io.idbridge.password.PasswordHashes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} and {@code GET /health/ready}: 200 when every check passes (the directory and
 * the state store answer, the signing keys are loaded), 503 when one does not; also which argon2
 * hashes passwords, and how many hashes run and wait.
 */
public final class HealthServlet extends HttpServlet {
  private final Map<String, Runnable> checks;
  private final PasswordHashes hashes;

  /** Each check, by the name it has in the answer, throws when what it checks is down. */
  public HealthServlet(Map<String, Runnable> checks, PasswordHashes hashes) {
    this.checks = checks;
    this.hashes = hashes;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Map<String, Object> results = new LinkedHashMap<>();
    boolean up = true;
    for (Map.Entry<String, Runnable> check : checks.entrySet()) {
      Map<String, Object> result = check(check.getValue());
      up &= "UP".equals(result.get("status"));
      results.put(check.getKey(), result);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.putAll(results);
    HashingStatus hashing = hashes.status();
    body.put("password_hash", hashing.implementation());
    Map<String, Object> load = new LinkedHashMap<>();
    load.put("running", hashing.running());
    load.put("waiting", hashing.waiting());
    body.put("hashing", load);
    Responses.write(req, res, up ? 200 : 503, body);
  }

  private static Map<String, Object> check(Runnable ping) {
    Map<String, Object> result = new LinkedHashMap<>();
    try {
      ping.run();
      result.put("status", "UP");
    } catch (RuntimeException e) {
      result.put("status", "DOWN");
      result.put("message", e.getMessage());
    }
    return result;
  }
}
