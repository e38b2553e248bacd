package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which shape renders a path's errors. */
class ErrorShapesTest {
  static final ErrorShape SHORT = (error, requestId) -> Map.of("short", requestId);
  static final ErrorShape LONG = (error, requestId) -> Map.of("long", requestId);

  @Test
  void theLongestPrefixWinsWhateverTheOrderGiven() {
    Map<String, ErrorShape> byPrefix = new LinkedHashMap<>();
    byPrefix.put("/voltmx", SHORT);
    byPrefix.put("/voltmx/user-attributes", LONG);
    ErrorShapes shapes = new ErrorShapes(byPrefix);
    assertSame(LONG, shapes.forPath("/voltmx/user-attributes"));
    assertSame(SHORT, shapes.forPath("/voltmx/login"));
    assertSame(SHORT, shapes.forPath("/voltmx"));
  }

  @Test
  void aPrefixMatchesWholeSegmentsOnlyAndEverythingElseIsOurApis() {
    ErrorShapes shapes = new ErrorShapes(Map.of("/mca", SHORT));
    assertSame(ErrorShapes.DEFAULT, shapes.forPath("/mcafee"));
    assertSame(ErrorShapes.DEFAULT, shapes.forPath("/api/login"));
  }

  @Test
  void laterChangesToTheGivenMapChangeNothing() {
    Map<String, ErrorShape> byPrefix = new LinkedHashMap<>();
    byPrefix.put("/mca", SHORT);
    ErrorShapes shapes = new ErrorShapes(byPrefix);
    byPrefix.put("/mca", LONG);
    assertSame(SHORT, shapes.forPath("/mca/apps"));
  }
}
