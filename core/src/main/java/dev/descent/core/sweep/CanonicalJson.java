package dev.descent.core.sweep;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one text form of a configuration that ids are hashed from, so an id depends on what is trained and
 * not on how the file was written or on which JVM read it: mapping keys sorted (by UTF-16 code units) at
 * every level, no whitespace, and every number written as its exact decimal value without trailing zeros
 * ({@code 1e-3} and {@code 0.001} read to the same double and print alike; {@code 128} and {@code 128.0}
 * print as {@code 128}). The exact value rather than {@link Double#toString} because the latter's output
 * changed in JDK 19 for some doubles.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical JSON of maps, lists, strings, numbers, booleans and nulls; anything else as its string. */
  public static String of(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  /** The first 16 hex digits of the SHA-256 of the canonical JSON of {@code value}. */
  public static String hash(Object value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(of(value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  /** A number in canonical form: exact decimal, no exponent, no trailing zeros; NaN and infinities by name. */
  public static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      return plain(new BigDecimal(d));
    }
    if (n instanceof BigDecimal b) {
      return plain(b);
    }
    if (n instanceof BigInteger || n instanceof Long || n instanceof Integer || n instanceof Short
        || n instanceof Byte) {
      return n.toString();
    }
    return plain(new BigDecimal(n.toString()));
  }

  private static String plain(BigDecimal b) {
    return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Number n) {
      String s = number(n);
      sb.append(s.matches("-?[0-9.]+") ? s : quote(s));
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      sb.append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        sb.append(sep).append(quote(e.getKey())).append(':');
        write(sb, e.getValue());
        sep = ",";
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        write(sb, l.get(i));
      }
      sb.append(']');
    } else {
      sb.append(quote(String.valueOf(v)));
    }
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb.append('"').toString();
  }
}
