package io.idbridge.directory.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.Config;
import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.SilentServer;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ldap directory against a real LDAP server in process: both modes, TLS, injection and a hung
 * server.
 */
class LdapUserDirectoryIT {
  static InMemoryLdap ldap;
  static SilentServer silent;

  @BeforeAll
  static void start() throws Exception {
    ldap = new InMemoryLdap();
    silent = new SilentServer();
  }

  @AfterAll
  static void stop() {
    ldap.close();
    silent.close();
  }

  /** Search-then-bind with the service account, and two extra attributes. */
  static Map<String, String> searchMode(String url) {
    Map<String, String> p = new HashMap<>();
    p.put("throttle.track", "none");
    p.put("directory.type", "ldap");
    p.put("directory.ldap.url", url);
    p.put("directory.ldap.bindDn", InMemoryLdap.SERVICE_DN);
    p.put("directory.ldap.bindPassword", InMemoryLdap.SERVICE_PASSWORD);
    p.put("directory.ldap.searchBase", InMemoryLdap.PEOPLE);
    p.put("directory.ldap.searchFilter", "(&(objectClass=inetOrgPerson)(uid={0}))");
    p.put("directory.ldap.attributes", "telephoneNumber,ou");
    return p;
  }

  /** A DN made from the login name, no service account. */
  static Map<String, String> templateMode(String url) {
    Map<String, String> p = new HashMap<>();
    p.put("throttle.track", "none");
    p.put("directory.type", "ldap");
    p.put("directory.ldap.url", url);
    p.put("directory.ldap.userDnTemplate", "uid={0}," + InMemoryLdap.PEOPLE);
    p.put("directory.ldap.attributes", "telephoneNumber,ou");
    return p;
  }

  static LdapUserDirectory directory(Map<String, String> props) {
    Map<String, String> p = new HashMap<>(props);
    p.remove("throttle.track");
    return new LdapUserDirectory(Config.read("test", p, Map.of()).directory().ldap());
  }

  static Map<String, String> with(Map<String, String> props, String... keyValues) {
    Map<String, String> p = new HashMap<>(props);
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static HttpResponse<String> login(TestServer server, String username, String password) {
    return server.postForm("/api/login", Map.of("username", username, "password", password));
  }

  @Test
  void searchThenBindLogsInOverHttpWithTheMappedUser() {
    try (TestServer server = TestServer.start(searchMode(ldap.url()), new FakeClock())) {
      HttpResponse<String> res = login(server, "alice", "alice-pw");
      assertEquals(200, res.statusCode(), res.body());
      JsonNode user = Json.parse(res.body()).get("user");
      assertEquals("alice", user.get("id").asText());
      assertEquals("alice", user.get("username").asText());
      assertEquals("Alice Liddell", user.get("display_name").asText());
      assertEquals("alice@example.org", user.get("email").asText());
      assertEquals(401, login(server, "alice", "wrong").statusCode());
      assertEquals(401, login(server, "nobody", "alice-pw").statusCode());
    }
  }

  @Test
  void dnTemplateLogsInOverHttpWithTheMappedUser() {
    try (TestServer server = TestServer.start(templateMode(ldap.url()), new FakeClock())) {
      HttpResponse<String> res = login(server, "alice", "alice-pw");
      assertEquals(200, res.statusCode(), res.body());
      JsonNode user = Json.parse(res.body()).get("user");
      assertEquals("alice", user.get("id").asText());
      assertEquals("Alice Liddell", user.get("display_name").asText());
      assertEquals("alice@example.org", user.get("email").asText());
      assertEquals(401, login(server, "alice", "wrong").statusCode());
      assertEquals(401, login(server, "nobody", "alice-pw").statusCode());
      assertEquals("UP", Json.parse(server.get("/health").body()).get("status").asText());
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownNameGetTheSameAnswerInBothModes() {
    for (Map<String, String> mode : List.of(searchMode(ldap.url()), templateMode(ldap.url()))) {
      LdapUserDirectory dir = directory(mode);
      assertEquals(LoginCheck.rejected(), dir.authenticate("alice", "wrong"));
      assertEquals(LoginCheck.rejected(), dir.authenticate("nobody", "wrong"));
    }
  }

  @Test
  void anUnknownNameStillCostsABindInSearchMode() {
    int before = ldap.binds().size();
    directory(searchMode(ldap.url())).authenticate("nobody", "guess");
    List<String> binds = ldap.binds().subList(before, ldap.binds().size());
    assertEquals(
        2, binds.size(), "the service account's bind, then one for the unknown name: " + binds);
    assertTrue(binds.get(1).contains("idbridge-no-such-user"), binds.get(1));
  }

  @Test
  void anEmptyPasswordIsRefusedBeforeAnyBindIsSent() {
    // This server refuses an unauthenticated bind (a DN without a password), but Active Directory,
    // among others, answers it with success: so the directory never sends one.
    int before = ldap.binds().size();
    for (Map<String, String> mode : List.of(searchMode(ldap.url()), templateMode(ldap.url()))) {
      assertFalse(directory(mode).authenticate("alice", "").matched());
    }
    assertEquals(before, ldap.binds().size(), "no bind was sent");
    // Not even a connection: against a server that never answers, it is still an immediate no.
    String hung = "ldap://127.0.0.1:" + silent.port();
    assertFalse(
        directory(with(templateMode(hung), "directory.ldap.readTimeout", "5m"))
            .authenticate("alice", "")
            .matched());
  }

  @Test
  void filterSyntaxInTheNameNeitherAuthenticatesNorMatchesAnyone() {
    LdapUserDirectory dir = directory(searchMode(ldap.url()));
    for (String name :
        List.of(
            "*",
            "a*",
            "*)(uid=*))(|(uid=*",
            "admin)(|(password=*)",
            "alice)(uid=*",
            "alice\\",
            "alice\u0000")) {
      for (String password : List.of("alice-pw", "admin-pw", "bob-pw")) {
        assertFalse(dir.authenticate(name, password).matched(), name + " / " + password);
      }
      assertTrue(dir.findByUsername(name).isEmpty(), name);
    }
    assertTrue(dir.authenticate("admin", "admin-pw").matched(), "the real admin still logs in");
  }

  @Test
  void dnSyntaxInTheNameDoesNotReachAnotherEntry() {
    LdapUserDirectory dir = directory(templateMode(ldap.url()));
    for (String name :
        List.of(
            "alice," + InMemoryLdap.PEOPLE,
            "alice,ou=people",
            "alice+cn=x",
            "*",
            "idbridge,ou=services,dc=example,dc=org")) {
      for (String password : List.of("alice-pw", InMemoryLdap.SERVICE_PASSWORD)) {
        assertFalse(dir.authenticate(name, password).matched(), name + " / " + password);
      }
    }
  }

  @Test
  void extraAttributesAreCopiedWithSeveralValuesJoined() {
    for (Map<String, String> mode : List.of(searchMode(ldap.url()), templateMode(ldap.url()))) {
      User alice = directory(mode).authenticate("alice", "alice-pw").user().orElseThrow();
      assertEquals(
          Map.of("telephoneNumber", "+1 555 0100", "ou", "wonderland;looking-glass"),
          alice.attributes());
      assertEquals("", alice.passwordHash());
    }
  }

  @Test
  void lookupsByIdAndByNameFindTheUserAndNobodyElse() {
    for (Map<String, String> mode : List.of(searchMode(ldap.url()), templateMode(ldap.url()))) {
      LdapUserDirectory dir = directory(mode);
      assertEquals("alice@example.org", dir.findById("alice").orElseThrow().email());
      assertEquals("Alice Liddell", dir.findByUsername("alice").orElseThrow().displayName());
      assertTrue(dir.findById("nobody").isEmpty());
      assertTrue(dir.findByUsername("nobody").isEmpty());
      assertTrue(dir.findById("*").isEmpty());
    }
  }

  @Test
  void activeDirectoryGuidsAreIdsInTheirUsualFormAndFindTheUserBack() {
    LdapUserDirectory dir =
        directory(with(searchMode(ldap.url()), "directory.ldap.idAttribute", "objectGUID"));
    User alice = dir.authenticate("alice", "alice-pw").user().orElseThrow();
    assertEquals(InMemoryLdap.ALICE_GUID_TEXT, alice.id());
    assertEquals("alice", dir.findById(InMemoryLdap.ALICE_GUID_TEXT).orElseThrow().username());
    assertTrue(dir.findById("not-a-guid").isEmpty());
  }

  @Test
  void anEntryWithoutTheIdAttributeIsAServerProblemNotAWrongPassword() {
    LdapUserDirectory dir =
        directory(with(templateMode(ldap.url()), "directory.ldap.idAttribute", "employeeNumber"));
    DirectoryUnavailableException e =
        assertThrows(
            DirectoryUnavailableException.class, () -> dir.authenticate("alice", "alice-pw"));
    assertTrue(e.getMessage().contains("directory.ldap.idAttribute"), e.getMessage());
  }

  @Test
  void aServerThatAcceptsButNeverAnswersGives503AfterTheTimeouts() {
    String hung = "ldap://127.0.0.1:" + silent.port();
    try (TestServer server = TestServer.start(hung(templateMode(hung)), new FakeClock())) {
      HttpResponse<String> res = login(server, "alice", "alice-pw");
      assertEquals(503, res.statusCode(), res.body());
      assertEquals(
          "the user directory is unavailable; try again shortly",
          Json.parse(res.body()).get("message").asText());
      HttpResponse<String> health = server.get("/health");
      assertEquals(503, health.statusCode());
      assertEquals("DOWN", Json.parse(health.body()).get("directory").get("status").asText());
    }
    LdapUserDirectory search = directory(hung(searchMode(hung)));
    assertThrows(
        DirectoryUnavailableException.class, () -> search.authenticate("alice", "alice-pw"));
    // Anonymous lookups bind not at all: the search itself is what waits for the read timeout.
    LdapUserDirectory anonymous =
        directory(hung(with(searchMode(hung), "directory.ldap.bindDn", "")));
    assertThrows(DirectoryUnavailableException.class, () -> anonymous.findByUsername("alice"));
  }

  /**
   * Short timeouts: JNDI waits for a bind's answer as long as for a connection, for anything else
   * the read one.
   */
  private static Map<String, String> hung(Map<String, String> props) {
    return with(
        props, "directory.ldap.connectTimeout", "300ms", "directory.ldap.readTimeout", "300ms");
  }

  @Test
  void aClosedPortGives503() {
    String closed = "ldap://127.0.0.1:" + SilentServer.closedPort();
    try (TestServer server = TestServer.start(searchMode(closed), new FakeClock())) {
      assertEquals(503, login(server, "alice", "alice-pw").statusCode());
    }
  }

  @Test
  void aRefusedServiceAccountIs503NotAWrongPassword() {
    LdapUserDirectory dir =
        directory(with(searchMode(ldap.url()), "directory.ldap.bindPassword", "not-it"));
    DirectoryUnavailableException e =
        assertThrows(
            DirectoryUnavailableException.class, () -> dir.authenticate("alice", "alice-pw"));
    assertTrue(e.getMessage().contains("directory.ldap.bindPassword"), e.getMessage());
    assertFalse(e.getMessage().contains("not-it"));
    assertThrows(DirectoryUnavailableException.class, dir::ping);
  }

  @Test
  void startTlsWithOurTrustStoreLogsInInBothModes() {
    for (Map<String, String> mode : List.of(searchMode(ldap.url()), templateMode(ldap.url()))) {
      LdapUserDirectory dir =
          directory(
              with(
                  mode,
                  "directory.ldap.startTls",
                  "true",
                  "directory.ldap.trustStore",
                  ldap.trustStore.toString(),
                  "directory.ldap.trustStorePassword",
                  "trust-pw"));
      assertTrue(dir.authenticate("alice", "alice-pw").matched());
      assertFalse(dir.authenticate("alice", "wrong").matched());
      dir.ping();
    }
  }

  @Test
  void ldapsWithOurTrustStoreLogsInInBothModes() {
    for (Map<String, String> mode :
        List.of(searchMode(ldap.ldapsUrl()), templateMode(ldap.ldapsUrl()))) {
      LdapUserDirectory dir =
          directory(
              with(
                  mode,
                  "directory.ldap.trustStore",
                  ldap.trustStore.toString(),
                  "directory.ldap.trustStorePassword",
                  "trust-pw"));
      assertTrue(dir.authenticate("alice", "alice-pw").matched());
      assertFalse(dir.authenticate("alice", "wrong").matched());
    }
  }

  @Test
  void anUntrustedCertificateIs503ForLdapsAndStartTls() {
    LdapUserDirectory ldaps = directory(templateMode(ldap.ldapsUrl()));
    assertThrows(
        DirectoryUnavailableException.class, () -> ldaps.authenticate("alice", "alice-pw"));
    LdapUserDirectory startTls =
        directory(with(templateMode(ldap.url()), "directory.ldap.startTls", "true"));
    assertThrows(
        DirectoryUnavailableException.class, () -> startTls.authenticate("alice", "alice-pw"));
  }
}
