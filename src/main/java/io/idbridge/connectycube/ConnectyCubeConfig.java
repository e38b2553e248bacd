package io.idbridge.connectycube;

import io.idbridge.config.ConfigReader;

/**
 * The ConnectyCube (and QuickBlox) custom identity contract.
 *
 * @param tokenParam the request parameter that carries our session token: the name the dashboard's "Request
 *     params" map {@code #{login}} to
 */
public record ConnectyCubeConfig(String tokenParam) {

  public static ConnectyCubeConfig from(ConfigReader r) {
    String tokenParam = r.string("connectycube.tokenParam", "token");
    if (!tokenParam.matches("[A-Za-z0-9_.-]+")) {
      r.problem("connectycube.tokenParam", "must be a parameter name (letters, digits, _ . -)", tokenParam);
    }
    return new ConnectyCubeConfig(tokenParam);
  }
}
