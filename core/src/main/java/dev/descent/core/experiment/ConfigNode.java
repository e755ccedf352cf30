package dev.descent.core.experiment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping read from an experiment file, with its path, that reports every bad or missing field to
 * a shared {@link Problems} instead of throwing: the one place where file values are type-checked.
 * Getters return a fallback after recording a problem, so parsing goes on and finds the rest.
 */
public final class ConfigNode {
  /** Characters of a value an error message shows. */
  static final int SHOWN = 80;
  private final String path;
  private final Map<String, Object> values;
  private final Problems problems;

  ConfigNode(String path, Map<String, Object> values, Problems problems) {
    this.path = path;
    this.values = values;
    this.problems = problems;
  }

  /** The node for a parsed YAML document; a non-mapping document is itself a problem. */
  @SuppressWarnings("unchecked")
  static ConfigNode root(Object document, Problems problems) {
    if (document instanceof Map) {
      return new ConfigNode("", (Map<String, Object>) document, problems);
    }
    problems.add("", "the file must be a YAML mapping with name, dataset, model and training; was "
        + describe(document));
    return new ConfigNode("", Map.of(), problems);
  }

  public String path() {
    return path;
  }

  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.get(key) != null;
  }

  public Object raw(String key) {
    return values.get(key);
  }

  public Map<String, Object> rawMap() {
    return values;
  }

  /** Records a problem for every key not in {@code allowed}. */
  public void rejectUnknownKeys(Collection<String> allowed) {
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(pathOf(key), "unknown field; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  /** A child mapping; a missing one is a problem when {@code required}, else an empty node. */
  @SuppressWarnings("unchecked")
  public ConfigNode child(String key, boolean required) {
    Object v = values.get(key);
    if (v instanceof Map) {
      return new ConfigNode(pathOf(key), (Map<String, Object>) v, problems);
    }
    if (v == null) {
      if (required) {
        problems.add(pathOf(key), "missing; a mapping is required");
      }
    } else {
      problems.add(pathOf(key), "was " + describe(v) + ", must be a mapping");
    }
    return new ConfigNode(pathOf(key), Map.of(), problems);
  }

  /** A list of mappings, each as a node ({@code model.layers[2]}). */
  @SuppressWarnings("unchecked")
  public List<ConfigNode> children(String key) {
    Object v = values.get(key);
    List<ConfigNode> out = new ArrayList<>();
    if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
      problems.add(pathOf(key), v == null ? "missing; a non-empty list is required"
          : "was " + describe(v) + ", must be a non-empty list");
      return out;
    }
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      String p = pathOf(key) + "[" + i + "]";
      if (list.get(i) instanceof Map) {
        out.add(new ConfigNode(p, (Map<String, Object>) list.get(i), problems));
      } else {
        problems.add(p, "was " + describe(list.get(i)) + ", must be a mapping");
      }
    }
    return out;
  }

  public String string(String key, String fallback, boolean required) {
    Object v = values.get(key);
    if (v == null) {
      if (required) {
        problems.add(pathOf(key), "missing; a string is required");
      }
      return fallback;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    problems.add(pathOf(key), "was " + describe(v) + ", must be a string");
    return fallback;
  }

  /** A string from a fixed set of choices. */
  public String choice(String key, String fallback, Set<String> choices) {
    String s = string(key, fallback, fallback == null);
    if (s != null && !choices.contains(s)) {
      problems.add(pathOf(key), "was " + quote(s) + ", must be one of " + String.join(", ", new TreeSet<>(choices)));
      return fallback;
    }
    return s;
  }

  /** An integer in [min, max]; {@code fallback == null} means required. */
  public Integer integer(String key, Integer fallback, long min, long max) {
    Object v = values.get(key);
    if (v == null) {
      if (fallback == null) {
        problems.add(pathOf(key), "missing; an integer " + range(min, max) + " is required");
      }
      return fallback;
    }
    Double d = number(v);
    if (d == null || d != Math.rint(d) || d < min || d > max) {
      problems.add(pathOf(key), "was " + describe(v) + ", must be an integer " + range(min, max));
      return fallback;
    }
    return d.intValue();
  }

  /** A real number in the given bounds; {@code fallback == null} means required. */
  public Double real(String key, Double fallback, double min, boolean minInclusive, double max, boolean maxInclusive) {
    Object v = values.get(key);
    String allowed = "a number in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
    if (v == null) {
      if (fallback == null) {
        problems.add(pathOf(key), "missing; " + allowed + " is required");
      }
      return fallback;
    }
    Double d = number(v);
    if (d == null || (minInclusive ? d < min : d <= min) || (maxInclusive ? d > max : d >= max)) {
      problems.add(pathOf(key), "was " + describe(v) + ", must be " + allowed);
      return fallback;
    }
    return d;
  }

  public Boolean bool(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    problems.add(pathOf(key), "was " + describe(v) + ", must be true or false");
    return fallback;
  }

  /** Records a problem at this node or below it. */
  public void problem(String key, String message) {
    problems.add(key == null ? path : pathOf(key), message);
  }

  public Problems problems() {
    return problems;
  }

  /** The values of this mapping other than {@code except}, for plugin parameters. */
  public Map<String, Object> without(String... except) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    for (String k : except) {
      m.remove(k);
    }
    return m;
  }

  /**
   * The number a file value stands for, or null when it is none: the one place file numbers are read, so
   * every range check refuses what this refuses. NaN and the infinities ({@code .nan}, {@code .inf}) are
   * not numbers here: no setting accepts them, and a NaN slips through comparisons ({@code NaN < 0} is
   * false) into training. Quoted numbers ({@code '0.1'}) count, in plain decimal or exponent form only.
   */
  public static Double number(Object v) {
    double d;
    if (v instanceof Number n) {
      d = n.doubleValue();
    } else if (v instanceof String s && s.trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      d = Double.parseDouble(s.trim());
    } else {
      return null;
    }
    return Double.isFinite(d) ? d : null;
  }

  /** A value as an error message names it: strings quoted, collections by kind, nothing as "empty". */
  public static String describe(Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty() ? "an empty mapping" : "a mapping";
    }
    if (v instanceof List<?> l) {
      return l.isEmpty() ? "an empty list" : "a list";
    }
    return v == null ? "empty" : String.valueOf(v);
  }

  /**
   * Text from a file as a message shows it: quoted, cut after {@value #SHOWN} characters, and with control
   * and invisible characters (NUL, ESC sequences, right-to-left overrides, zero-width spaces) written as
   * {@code \\uXXXX}, so an error message cannot flood or rewrite the terminal that prints it.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    int end = s.length() <= SHOWN ? s.length() : s.offsetByCodePoints(0, Math.min(SHOWN, s.codePointCount(0, s.length())));
    s.substring(0, end).codePoints().forEach(c -> {
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED) {
        sb.append(String.format("\\u%04X", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    sb.append('\'');
    return end < s.length() ? sb.append("... (").append(s.length()).append(" characters)").toString() : sb.toString();
  }

  private static String range(long min, long max) {
    return max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? ">= " + min : "in [" + min + ", " + max + "]";
  }

  private static String fmt(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
