package dev.descent.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Request bodies, read strictly: one JSON object and nothing after it (no trailing garbage), no key twice (which
 * value would win is a guess), at most {@link WebServer#MAX_BODY_BYTES} (Jetty refuses larger ones with 413
 * before this reads them). Every body the API parses goes through here, so the rules and the messages are one.
 */
final class JsonBody {
  private static final ObjectReader READER = Json.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .forType(Object.class);

  private JsonBody() {}

  /** The body parsed as a JSON object, or INVALID_INPUT saying what is wrong and what was {@code expected}. */
  static Map<?, ?> object(String body, String expected) {
    Object parsed;
    try {
      parsed = READER.readValue(body);
    } catch (JsonProcessingException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Request body: not valid JSON (" + e.getOriginalMessage()
          + "); expected " + expected);
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Request body: not a JSON object; expected " + expected);
    }
    return m;
  }

  /** A string field of the JSON object in the request body, or INVALID_INPUT saying what was expected. */
  static String stringField(Context ctx, String field) {
    String expected = "{\"" + field + "\": \"...\"}";
    if (!(object(ctx.body(), expected).get(field) instanceof String s)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Request body: expected " + expected + " with a string");
    }
    return s;
  }
}
