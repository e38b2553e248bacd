package io.idbridge.connectycube;

import io.idbridge.config.ConfigReader;
import java.util.Optional;

/**
 * The ConnectyCube (and QuickBlox) custom identity contract.
 *
 * @param tokenParam the request parameter that carries our session token: the name the dashboard's
 *     "Request params" map {@code #{login}} to
 * @param audience when set, only session tokens issued for this audience ({@code /api/login} with
 *     {@code audience=…}) verify here: a token handed to ConnectyCube is then good for nothing else
 *     that checks its audience, and an ordinary session token is not accepted by ConnectyCube
 */
public record ConnectyCubeConfig(String tokenParam, Optional<String> audience) {

  public static ConnectyCubeConfig from(ConfigReader r) {
    String tokenParam = r.string("connectycube.tokenParam", "token");
    if (!tokenParam.matches("[A-Za-z0-9_.-]+")) {
      r.problem(
          "connectycube.tokenParam",
          "must be a parameter name (letters, digits, _ . -)",
          tokenParam);
    }
    return new ConnectyCubeConfig(tokenParam, r.optional("connectycube.audience"));
  }
}
