package io.idbridge.voltmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.jwt.Jwt;
import io.idbridge.jwt.Signer;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * Plays VoltMX Foundry against a test server: the calls its custom identity service makes, with the
 * provider settings it adds to every login form, and checks of the answers against the agreement's
 * samples (in {@code src/test/resources/voltmx/}, the seed's samples made valid JSON).
 */
final class Foundry {
  private final TestServer server;
  private final Map<String, String> providerSettings;

  Foundry(TestServer server, Map<String, String> providerSettings) {
    this.server = server;
    this.providerSettings = providerSettings;
  }

  /**
   * The README's caller proof, the shared secret as the provider setting {@code idbridge_secret},
   * with more keys and values.
   */
  static Map<String, String> providerSettingSecret(String secret, String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("voltmx.caller.mode", "secret");
    props.put("voltmx.caller.secret", secret);
    props.put("voltmx.caller.secret.field", "idbridge_secret");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  /**
   * {@code POST /voltmx/login} with the app's fields plus the provider settings, as Foundry sends
   * it.
   */
  HttpResponse<String> login(String userid, String password, String... headers) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("userid", userid);
    form.put("password", password);
    return post("/voltmx/login", form, headers);
  }

  HttpResponse<String> post(String path, Map<String, String> fields, String... headers) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.putAll(providerSettings);
    return server.postForm(path, form, headers);
  }

  /** The session token of a login that must succeed. */
  String sessionToken(String userid, String password, String... headers) {
    HttpResponse<String> res = login(userid, password, headers);
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).at("/security_attributes/session_token").asText();
  }

  HttpResponse<String> logout(String sessionToken, String... headers) {
    return post("/voltmx/logout", Map.of("session_token", sessionToken), headers);
  }

  /** A claims token as Foundry signs it, naming the provider's user id in the given claim. */
  static String claimsToken(
      KeyPair keys, String claim, String userId, Instant now, long expiresInSeconds) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("_v", "1");
    claims.put("_prov", "idbridge");
    claims.put(claim, userId);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.getEpochSecond() + expiresInSeconds);
    return Jwt.sign(Map.of("typ", "JWT"), claims, Signer.of("foundry-1", keys.getPrivate()));
  }

  /** Checks every field of the VoltMX error body, and that the answer has the given HTTP status. */
  static JsonNode assertError(HttpResponse<String> res, int status, String errcode) {
    assertEquals(status, res.statusCode(), res.body());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonNode body = Json.parse(res.body());
    assertErrorFields(
        body, status, errcode, res.headers().firstValue("X-Request-Id").orElseThrow());
    return body;
  }

  /** The error fields of a body, wherever the HTTP status went. */
  static void assertErrorFields(JsonNode body, int status, String errcode, String requestId) {
    assertShape("logout-failure.json", body);
    assertShape("identity-failure.json", body);
    assertShape("integration-failure.json", body);
    assertEquals("custom", body.get("domain").asText());
    assertInteger(status, body.get("code"));
    assertInteger(status, body.get("httpStatusCode"));
    assertInteger(status, body.get("opstatus"));
    assertEquals(requestId, body.get("requestid").asText());
    assertEquals(errcode, body.at("/details/errcode").asText());
    // The same code, though details.errcode is a number when the code is one.
    assertEquals(body.get("backend_error_code").asText(), body.at("/details/errcode").asText());
    assertEquals(body.get("backend_error_message"), body.at("/details/errmsg"));
    assertEquals(body.get("message"), body.at("/details/message"));
    assertEquals(body.get("message"), body.get("errmsg"));
    assertTrue(body.get("message").asText().length() > 10, "a sentence for people");
  }

  static void assertInteger(long expected, JsonNode node) {
    assertNotNull(node);
    assertTrue(node.isIntegralNumber(), node + " is an integer, not a string");
    assertEquals(expected, node.asLong());
  }

  /** Every member of the seed's sample is in the answer, objects recursively. */
  static void assertShape(String sample, JsonNode actual) {
    assertShape(sample, fixture(sample), actual, "");
  }

  private static void assertShape(String sample, JsonNode expected, JsonNode actual, String path) {
    for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode member = actual.get(name);
      assertNotNull(member, sample + ": the answer lacks " + path + "/" + name + ": " + actual);
      if (expected.get(name).isObject()) {
        assertTrue(member.isObject(), sample + ": " + path + "/" + name + " is an object");
        assertShape(sample, expected.get(name), member, path + "/" + name);
      }
    }
  }

  private static JsonNode fixture(String name) {
    try (InputStream in = Foundry.class.getResourceAsStream("/voltmx/" + name)) {
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Document xml(HttpResponse<String> res) {
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"),
        res.body());
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(res.body().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + res.body(), e);
    }
  }

  /** The text at an XPath such as {@code /response/user_attributes/user_id}; empty when absent. */
  static String at(Document doc, String xpath) {
    try {
      return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }
}
