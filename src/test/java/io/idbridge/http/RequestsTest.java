package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Accept header's say on XML or JSON, and text made safe to log. */
class RequestsTest {

  @Test
  void everyAsciiControlCharacterIsLoggedAsAQuestionMark() {
    assertEquals("/a?b?c?d?e", Requests.printable("/a\rb\nc\td\u007fe"));
    assertEquals("?", Requests.printable("\u0000"));
    assertEquals("/café/ü", Requests.printable("/café/ü"), "printable text is kept as it is");
  }

  @Test
  void xmlOnlyWhenItOutranksJson() {
    assertTrue(Requests.prefersXml("application/xml"));
    assertTrue(Requests.prefersXml("application/json;q=0.5, text/xml"));
    assertFalse(Requests.prefersXml("application/xml, application/json"), "JSON wins a tie");
    assertFalse(Requests.prefersXml("application/xml;q=0.4, */*;q=0.5"));
  }

  @Test
  void noHeaderOrABadQValueMeansJson() {
    assertFalse(Requests.prefersXml((String) null));
    assertFalse(Requests.prefersXml(""));
    assertFalse(Requests.prefersXml("application/xml;q=high"));
  }
}
