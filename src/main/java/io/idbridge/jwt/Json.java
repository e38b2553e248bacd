package io.idbridge.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idbridge.json.JsonMappers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON reading and writing shared by headers, claims and JWKs. */
final class Json {
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
      new TypeReference<>() {};

  private static final ObjectMapper MAPPER =
      JsonMappers.builder()
          // RFC 7515 §4 and RFC 7519 §4: duplicate member names must be rejected (or last one
          // wins); rejecting removes the chance that two parsers disagree about "alg".
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Integral claims come back as Long whatever their size, so callers cast one way.
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();

  private Json() {}

  /**
   * The JSON object in {@code utf8}; RFC 7515 §5.2 steps 3 and 8: UTF-8, and a JSON object. The
   * message never echoes input (Jackson's own messages quote it).
   */
  static Map<String, Object> readObject(byte[] utf8, String what) throws JwtException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new JwtException(JwtException.Reason.MALFORMED, what + " is not UTF-8");
    }
    Map<String, Object> map;
    try {
      map = MAPPER.readValue(text, OBJECT);
    } catch (JsonProcessingException e) {
      throw new JwtException(JwtException.Reason.MALFORMED, what + " is not a JSON object");
    }
    if (map == null) {
      throw new JwtException(JwtException.Reason.MALFORMED, what + " is not a JSON object");
    }
    return map;
  }

  /** Like {@link #readObject(byte[], String)} for trusted configuration text. */
  static Map<String, Object> readObject(String text, String what) {
    try {
      return readObject(text.getBytes(StandardCharsets.UTF_8), what);
    } catch (JwtException e) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write as JSON (use strings, numbers, booleans, lists and maps): "
              + e.getOriginalMessage(),
          e);
    }
  }
}
