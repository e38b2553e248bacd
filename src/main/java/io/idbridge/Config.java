package io.idbridge;

import io.idbridge.appid.AppIdConfig;
import io.idbridge.audit.AuditConfig;
import io.idbridge.config.ConfigException;
import io.idbridge.config.ConfigReader;
import io.idbridge.config.EffectiveConfig;
import io.idbridge.config.KeysConfig;
import io.idbridge.connectycube.ConnectyCubeConfig;
import io.idbridge.core.SessionsConfig;
import io.idbridge.core.ThrottleConfig;
import io.idbridge.core.TokensConfig;
import io.idbridge.directory.DirectoryConfig;
import io.idbridge.http.CallerAuthConfig;
import io.idbridge.http.HttpConfig;
import io.idbridge.mca.McaConfig;
import io.idbridge.mfa.MfaConfig;
import io.idbridge.password.PasswordConfig;
import io.idbridge.state.StateConfig;
import io.idbridge.voltmx.VoltmxConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole configuration, read and validated once at start-up from one properties file and the
 * environment.
 */
public record Config(
    String source,
    ServerConfig server,
    HttpConfig http,
    KeysConfig keys,
    TokensConfig tokens,
    SessionsConfig sessions,
    ThrottleConfig throttle,
    PasswordConfig password,
    DirectoryConfig directory,
    StateConfig state,
    Map<String, CallerAuthConfig> callers,
    McaConfig mca,
    ConnectyCubeConfig connectycube,
    AppIdConfig appid,
    VoltmxConfig voltmx,
    MfaConfig mfa,
    ManagementConfig management,
    AuditConfig audit,
    EffectiveConfig effective) {

  /** The contracts, each with its own caller check under {@code <contract>.caller.*}. */
  public static final List<String> CONTRACTS = List.of("voltmx", "mca", "connectycube", "appid");

  /** Reads a file; a missing or unreadable file stops start-up like any other problem. */
  public static Config load(Path file, Map<String, String> env) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(file + ": cannot read the configuration file (" + e.getMessage() + ")"));
    }
    Map<String, String> props = new HashMap<>();
    p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
    return read(file.toString(), props, env);
  }

  /** The embedded defaults, with environment overrides: for a server started without a file. */
  public static Config defaults(Map<String, String> env) {
    return read("(embedded defaults)", Map.of(), env);
  }

  public static Config read(
      String source, Map<String, String> properties, Map<String, String> env) {
    ConfigReader r = new ConfigReader(source, properties, env);
    Config config = read(r);
    r.finish();
    return config;
  }

  /** Reads every section; every key is read whatever the others say, so none looks unknown. */
  static Config read(ConfigReader r) {
    Map<String, CallerAuthConfig> callers = new HashMap<>();
    for (String contract : CONTRACTS) {
      callers.put(contract, CallerAuthConfig.from(r, contract));
    }
    StateConfig state = StateConfig.from(r);
    return new Config(
        r.source(),
        ServerConfig.from(r),
        HttpConfig.from(r),
        KeysConfig.from(r),
        TokensConfig.from(r),
        SessionsConfig.from(r),
        ThrottleConfig.from(r),
        PasswordConfig.from(r),
        DirectoryConfig.from(r),
        state,
        Map.copyOf(callers),
        McaConfig.from(r, callers.get("mca")),
        ConnectyCubeConfig.from(r),
        AppIdConfig.from(r),
        VoltmxConfig.from(r),
        MfaConfig.from(r),
        ManagementConfig.from(r),
        AuditConfig.from(r, state),
        // Last: every section above has read its keys.
        r.effective());
  }

  public CallerAuthConfig caller(String contract) {
    return callers.get(contract);
  }
}
