package dev.descent.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON configuration descent uses for output, storage and the web API. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Compact JSON; NaN and infinities become null, which JSON has no numbers for. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(finite(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Pretty JSON, for files people read. */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(finite(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static Object finite(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      return null;
    }
    if (v instanceof java.util.Map<?, ?> m) {
      java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, finite(x)));
      return out;
    }
    if (v instanceof java.util.List<?> l) {
      return l.stream().map(Json::finite).toList();
    }
    return v;
  }
}
