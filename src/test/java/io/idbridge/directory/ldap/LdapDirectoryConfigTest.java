package io.idbridge.directory.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LdapDirectoryConfigTest {

  private static Map<String, String> ldap(String... keyValues) {
    Map<String, String> p =
        new HashMap<>(Map.of("directory.type", "ldap", "directory.ldap.url", "ldap://ldap:389"));
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put("directory.ldap." + keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static String problems(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> Config.read("f", props, Map.of()))
        .getMessage();
  }

  @Test
  void theSearchBaseOfADnTemplateIsItsParent() {
    LdapDirectoryConfig c =
        Config.read("f", ldap("userDnTemplate", "uid={0},ou=people,dc=example,dc=org"), Map.of())
            .directory()
            .ldap();
    assertEquals(LdapDirectoryConfig.Mode.DN_TEMPLATE, c.mode());
    assertEquals("ou=people,dc=example,dc=org", c.searchBase());
  }

  @Test
  void exactlyOneOfTemplateAndFilterIsSet() {
    assertTrue(problems(ldap()).contains("f: directory.ldap.userDnTemplate: set either it"));
    assertTrue(
        problems(
                ldap(
                    "userDnTemplate",
                    "uid={0},dc=x",
                    "searchFilter",
                    "(uid={0})",
                    "searchBase",
                    "dc=x"))
            .contains("not both"));
  }

  @Test
  void aSearchNeedsAPlaceholderAndABase() {
    assertTrue(
        problems(ldap("searchFilter", "(uid=alice)", "searchBase", "dc=x"))
            .contains("directory.ldap.searchFilter: must contain {0}"));
    assertTrue(
        problems(ldap("searchFilter", "(uid={0})"))
            .contains("directory.ldap.searchBase: is required"));
  }

  @Test
  void aServiceAccountWithoutAPasswordStopsStartUp() {
    String message =
        problems(ldap("searchFilter", "(uid={0})", "searchBase", "dc=x", "bindDn", "cn=svc,dc=x"));
    assertTrue(
        message.contains("directory.ldap.bindPassword: is required with directory.ldap.bindDn"),
        message);
  }

  @Test
  void startTlsIsForLdapUrlsAndTheUrlMustBeLdap() {
    Map<String, String> p = ldap("userDnTemplate", "uid={0},dc=x", "startTls", "true");
    p.put("directory.ldap.url", "ldaps://ldap:636");
    assertTrue(problems(p).contains("directory.ldap.startTls: is for ldap:// URLs"));
    p.put("directory.ldap.url", "http://ldap");
    assertTrue(
        problems(p)
            .contains(
                "directory.ldap.url: must be ldap://host[:port] or ldaps://host[:port] "
                    + "(http://ldap)"));
  }

  @Test
  void secretsAreNeverEchoed() {
    String message =
        problems(
            ldap(
                "userDnTemplate",
                "uid={0},dc=x",
                "bindPassword",
                "pw-in-clear",
                "trustStore",
                "/no/such/store.p12",
                "trustStorePassword",
                "store-pw"));
    assertTrue(message.contains("directory.ldap.trustStore: cannot be read"), message);
    assertFalse(message.contains("pw-in-clear") || message.contains("store-pw"), message);
  }

  @Test
  void nothingIsCheckedWhenAnotherDirectoryIsUsed() {
    Config.read(
        "f",
        Map.of("directory.ldap.startTls", "true", "directory.ldap.searchFilter", "(uid=x)"),
        Map.of());
  }

  @Test
  void activeDirectoryGuidsReadAsTheirUsualStringAndBack() {
    // [MS-DTYP] §2.3.4: the first three fields little-endian.
    byte[] stored = InMemoryLdap.ALICE_GUID;
    assertEquals("12345678-1234-5678-1234-56789abcdef0", LdapEntryMapping.guidText(stored));
    assertArrayEquals(stored, LdapEntryMapping.guidBytes("12345678-1234-5678-1234-56789abcdef0"));
  }
}
