package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request fields without a server: forms, JSON, the query string, and each 400. */
class RequestBodyTest {

  static RequestBody parse(String query, String contentType, String body) {
    return RequestBody.parse(query, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static int status(Runnable parse) {
    return assertThrows(HttpError.class, parse::run).error().status();
  }

  @Test
  void aFormIsDecodedAndTheFirstOfTwoSameNamesWins() {
    RequestBody body = parse(null, "application/x-www-form-urlencoded", "a=1&b=x%20y&a=2&flag");
    assertEquals(Optional.of("1"), body.text("a"));
    assertEquals(Optional.of("x y"), body.text("b"));
    assertEquals(Optional.of(""), body.text("flag"));
  }

  @Test
  void jsonIsReadByItsTypeOrItsBraceAndNumbersReadAsText() {
    assertEquals(
        Optional.of("123456"), parse(null, "application/json", "{\"otp\":123456}").text("otp"));
    assertEquals(Optional.of("true"), parse(null, "text/plain", "{\"ok\":true}").text("ok"));
  }

  @Test
  void aCodeSentAsAJsonNumberGetsItsLeadingZerosBackAndTextIsTakenAsSent() {
    assertEquals(
        "012345", parse(null, "application/json", "{\"otp\":12345}").requiredCode("otp", 6));
    assertEquals(
        "00012345", parse(null, "application/json", "{\"otp\":12345}").requiredCode("otp", 8));
    assertEquals(
        "12345",
        parse(null, "application/x-www-form-urlencoded", "otp=12345").requiredCode("otp", 6));
    assertEquals(
        "-12345", parse(null, "application/json", "{\"otp\":-12345}").requiredCode("otp", 6));
    assertEquals(
        "12345.0", parse(null, "application/json", "{\"otp\":12345.0}").requiredCode("otp", 6));
    assertEquals(
        "1234567", parse(null, "application/json", "{\"otp\":1234567}").requiredCode("otp", 6));
    assertEquals(
        400, status(() -> parse(null, "application/json", "{\"otp\":[1]}").requiredCode("otp", 6)));
  }

  @Test
  void anObjectOrArrayIsNotText() {
    RequestBody body = parse(null, "application/json", "{\"o\":{},\"a\":[1]}");
    assertEquals(Optional.empty(), body.text("o"));
    assertEquals(Optional.empty(), body.text("a"));
  }

  @Test
  void theBodyWinsOverTheQueryString() {
    RequestBody body = parse("token=q&only=q", "application/json", "{\"token\":\"b\"}");
    assertEquals(Optional.of("b"), body.text("token"));
    assertEquals(Optional.of("q"), body.text("only"));
  }

  @Test
  void aMissingOrBlankRequiredFieldIs400NamingIt() {
    RequestBody body = parse(null, null, "userid=%20");
    HttpError e = assertThrows(HttpError.class, () -> body.required("userid"));
    assertEquals("missing parameter: userid", e.error().message());
    assertEquals(400, status(() -> body.required("password")));
  }

  @Test
  void aFieldRequiredInTheBodyIsMissingWhenOnlyTheQueryStringHasIt() {
    assertEquals(400, status(() -> parse("pin=1234", null, "user=carol").requiredInBody("pin")));
    assertEquals("5678", parse("pin=1234", null, "pin=5678").requiredInBody("pin"));
  }

  @Test
  void malformedBodiesAre400() {
    assertEquals(400, status(() -> parse(null, "application/json", "{\"a\":")));
    assertEquals(400, status(() -> parse(null, "application/json", "[1,2]")));
    assertEquals(400, status(() -> parse(null, null, "a=%zz")));
  }

  @Test
  void aFormIsReadInTheCharsetItsTypeNames() {
    byte[] latin1 = "name=j%FCrgen&raw=ä".getBytes(StandardCharsets.ISO_8859_1);
    RequestBody body =
        RequestBody.parse(
            null, "application/x-www-form-urlencoded; charset=\"ISO-8859-1\"", latin1);
    assertEquals(Optional.of("jürgen"), body.text("name"));
    assertEquals(Optional.of("ä"), body.text("raw"));
    assertEquals(
        415, status(() -> parse(null, "application/x-www-form-urlencoded; charset=x-no", "a=1")));
  }

  @Test
  void aSecretInTheQueryStringIs400AndAConfiguredOneIsReadFromTheBodyOnly() {
    for (String name : RequestBody.BODY_ONLY) {
      assertEquals(400, status(() -> parse(name + "=x", null, "")), name);
    }
    RequestBody body = parse("idbridge_secret=q", null, "other=1");
    assertEquals(Optional.of("q"), body.text("idbridge_secret"));
    assertEquals(Optional.empty(), body.bodyText("idbridge_secret"));
  }
}
