package dev.descent.web.mlflow;

import java.util.regex.Pattern;

/**
 * SQL LIKE patterns ({@code %} any run of characters, {@code _} one character) in the forms the two searches
 * need: a Lucene wildcard for LIKE, a Lucene regular expression for ILIKE (matched case-insensitively), and a
 * Java pattern for the experiments, which are filtered in memory.
 */
final class LikePattern {
  private LikePattern() {}

  /** For {@code WildcardQuery}: {@code *} and {@code ?}, every other special character escaped. */
  static String wildcard(String like) {
    StringBuilder b = new StringBuilder();
    for (char c : like.toCharArray()) {
      switch (c) {
        case '%' -> b.append('*');
        case '_' -> b.append('?');
        case '*', '?', '\\' -> b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** For {@code RegexpQuery}: {@code .*} and {@code .}, every other non-alphanumeric character escaped. */
  static String regexp(String like) {
    StringBuilder b = new StringBuilder();
    for (char c : like.toCharArray()) {
      if (c == '%') {
        b.append(".*");
      } else if (c == '_') {
        b.append('.');
      } else if (Character.isLetterOrDigit(c)) {
        b.append(c);
      } else {
        b.append('\\').append(c);
      }
    }
    return b.toString();
  }

  static Pattern java(String like, boolean ignoreCase) {
    StringBuilder b = new StringBuilder();
    for (char c : like.toCharArray()) {
      b.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(b.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL
        : Pattern.DOTALL);
  }
}
