package dev.descent.web.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MLflow's search filter grammar, shared by search-runs and search-experiments: clauses
 * {@code entity.key OP value} joined by {@code AND}. Entities are {@code metrics.}, {@code params.},
 * {@code tags.} and {@code attributes.} (with MLflow's singular and short spellings; a bare key is an attribute);
 * a key may be quoted in backquotes or double quotes ({@code metrics.`val loss`}); values are quoted strings,
 * numbers, or a parenthesised list for {@code IN} / {@code NOT IN}. Errors are INVALID_INPUT with the filter and
 * the place, which MLflow clients see as {@code INVALID_PARAMETER_VALUE}.
 */
final class FilterParser {
  /** What a clause is about. */
  enum Entity { METRIC, PARAM, TAG, ATTRIBUTE }

  /** One comparison: {@code values} has one element except for IN and NOT IN. */
  record Clause(Entity entity, String key, String op, List<String> values, boolean quoted) {
    String value() {
      return values.get(0);
    }
  }

  private final String text;
  private int at;

  private FilterParser(String text) {
    this.text = text;
  }

  /** The clauses of {@code filter}; none for a null or blank filter. */
  static List<Clause> parse(String filter) {
    List<Clause> out = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return out;
    }
    FilterParser p = new FilterParser(filter);
    while (true) {
      out.add(p.clause());
      p.space();
      if (p.at >= p.text.length()) {
        return out;
      }
      if (!p.word().equalsIgnoreCase("AND")) {
        throw p.error("only AND joins clauses");
      }
    }
  }

  private Clause clause() {
    space();
    String identifier = identifierPart();
    Entity entity = Entity.ATTRIBUTE;
    String key = identifier;
    boolean keyQuoted = false;
    if (at < text.length() && text.charAt(at) == '.') {
      at++;
      entity = entity(identifier);
      if (at < text.length() && (text.charAt(at) == '`' || text.charAt(at) == '"')) {
        key = quoted();
        keyQuoted = true;
      } else {
        key = identifierPart();
        while (at < text.length() && text.charAt(at) == '.') {
          at++;
          key += "." + identifierPart();
        }
      }
    } else if (identifier.isEmpty() && at < text.length() && text.charAt(at) == '`') {
      key = quoted();
    }
    if (key.isEmpty() && !keyQuoted) {
      throw error("expected a key such as metrics.accuracy or params.optimizer");
    }
    String op = operator();
    space();
    List<String> values = new ArrayList<>();
    boolean quoted = false;
    if (op.equals("IN") || op.equals("NOT IN")) {
      expect('(');
      do {
        space();
        values.add(quoted());
        space();
      } while (accept(','));
      expect(')');
      quoted = true;
    } else if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
      values.add(quoted());
      quoted = true;
    } else {
      int start = at;
      while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      if (start == at) {
        throw error("expected a value");
      }
      values.add(text.substring(start, at));
    }
    return new Clause(entity, key, op, values, quoted);
  }

  private static Entity entity(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "metric", "metrics" -> Entity.METRIC;
      case "param", "params", "parameter", "parameters" -> Entity.PARAM;
      case "tag", "tags" -> Entity.TAG;
      case "attribute", "attributes", "attr", "run" -> Entity.ATTRIBUTE;
      default -> throw MlflowRequest.invalid("Invalid entity type '" + word + "'. Valid values are ['metric',"
          + " 'parameter', 'tag', 'attribute']");
    };
  }

  private String identifierPart() {
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "_-/:".indexOf(text.charAt(at)) >= 0)) {
      at++;
    }
    return text.substring(start, at);
  }

  private String operator() {
    space();
    for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
      if (text.startsWith(op, at)) {
        at += op.length();
        return op;
      }
    }
    String word = word().toUpperCase(Locale.ROOT);
    if (word.equals("NOT")) {
      space();
      String next = word().toUpperCase(Locale.ROOT);
      if (next.equals("IN") || next.equals("LIKE") || next.equals("ILIKE")) {
        return "NOT " + next;
      }
      throw error("expected IN, LIKE or ILIKE after NOT");
    }
    if (word.equals("LIKE") || word.equals("ILIKE") || word.equals("IN")) {
      return word;
    }
    throw error("expected a comparison (=, !=, <, <=, >, >=, LIKE, ILIKE, IN)");
  }

  private String word() {
    space();
    int start = at;
    while (at < text.length() && Character.isLetter(text.charAt(at))) {
      at++;
    }
    return text.substring(start, at);
  }

  /** A string in single, double or back quotes; a doubled quote or a backslash escapes one. */
  private String quoted() {
    if (at >= text.length() || "'\"`".indexOf(text.charAt(at)) < 0) {
      throw error("expected a quoted string");
    }
    char q = text.charAt(at++);
    StringBuilder b = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '\\' && at < text.length()) {
        b.append(text.charAt(at++));
      } else if (c == q) {
        if (at < text.length() && text.charAt(at) == q) {
          b.append(q);
          at++;
        } else {
          return b.toString();
        }
      } else {
        b.append(c);
      }
    }
    throw error("unterminated string");
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean accept(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    space();
    if (!accept(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private RuntimeException error(String problem) {
    return MlflowRequest.invalid("Invalid filter '" + text + "' at position " + (at + 1) + ": " + problem
        + ". Example: metrics.accuracy > 0.9 AND params.optimizer = 'adam'");
  }
}
