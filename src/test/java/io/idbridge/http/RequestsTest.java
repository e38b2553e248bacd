package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Accept header's say on XML or JSON. */
class RequestsTest {

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
