package io.idbridge.directory;

import io.idbridge.config.ConfigReader;
import io.idbridge.directory.http.HttpDirectoryConfig;
import io.idbridge.directory.jdbc.JdbcDirectoryConfig;
import io.idbridge.directory.ldap.LdapDirectoryConfig;
import java.nio.file.Path;

/** Which user store to use, and its settings. */
public record DirectoryConfig(
    Type type,
    Path filePath,
    LdapDirectoryConfig ldap,
    HttpDirectoryConfig http,
    JdbcDirectoryConfig jdbc) {

  public enum Type {
    FILE,
    JDBC,
    LDAP,
    HTTP
  }

  public static DirectoryConfig from(ConfigReader r) {
    Type type = r.choice("directory.type", Type.FILE);
    Path file = r.path("directory.file.path", "conf/users.json");
    LdapDirectoryConfig ldap = LdapDirectoryConfig.from(r, type == Type.LDAP);
    HttpDirectoryConfig http = HttpDirectoryConfig.from(r, type == Type.HTTP);
    JdbcDirectoryConfig jdbc = JdbcDirectoryConfig.from(r, type == Type.JDBC);
    return new DirectoryConfig(type, file, ldap, http, jdbc);
  }
}
