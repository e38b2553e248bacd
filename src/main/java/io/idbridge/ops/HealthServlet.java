package io.idbridge.ops;

import io.idbridge.directory.UserDirectory;
import io.idbridge.http.Responses;
import io.idbridge.password.HashingStatus;
import io.idbridge.password.PasswordHashes;
import io.idbridge.state.StateStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 when the directory and the state store answer, 503 when one does not;
 * also which argon2 hashes passwords, and how many hashes run and wait.
 */
public final class HealthServlet extends HttpServlet {
  private final UserDirectory directory;
  private final StateStore state;
  private final PasswordHashes hashes;

  public HealthServlet(UserDirectory directory, StateStore state, PasswordHashes hashes) {
    this.directory = directory;
    this.state = state;
    this.hashes = hashes;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Map<String, Object> dir = check(directory::ping);
    Map<String, Object> st = check(state::ping);
    boolean up = "UP".equals(dir.get("status")) && "UP".equals(st.get("status"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("directory", dir);
    body.put("state", st);
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
