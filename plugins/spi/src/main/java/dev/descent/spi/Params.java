package dev.descent.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plugin's validated, immutable parameter values: every declared parameter is present (given or
 * defaulted) with its declared type, so plugins read them without checks.
 */
public final class Params {
  private final Map<String, Object> values;

  private Params(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Checks {@code raw} against the plugin's parameter specs. Collects every unknown key, type error
   * and out-of-range value into one {@link InvalidParamsException}.
   */
  public static Params resolve(Plugin plugin, Map<String, ?> raw) {
    return resolve(plugin.kind().label() + " '" + plugin.name() + "'", plugin.parameters(), raw);
  }

  /** As {@link #resolve(Plugin, Map)} for a bare list of specs; {@code subject} names the owner. */
  public static Params resolve(String subject, List<ParamSpec> specs, Map<String, ?> raw) {
    Map<String, ?> given = raw == null ? Map.of() : raw;
    List<Problem> problems = new ArrayList<>();
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    for (String key : given.keySet()) {
      if (!byName.containsKey(key)) {
        String valid = byName.isEmpty() ? "it takes no parameters" : "valid: " + String.join(", ", byName.keySet());
        problems.add(new Problem(key, "unknown parameter of " + subject + "; " + valid));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      Object v = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue();
      Object coerced = coerce(spec, v);
      if (coerced == null) {
        problems.add(new Problem(spec.name(), "was " + show(v) + ", must be " + spec.allowed()));
      } else {
        values.put(spec.name(), coerced);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidParamsException(subject, problems);
    }
    return new Params(values);
  }

  private static Object coerce(ParamSpec spec, Object v) {
    if (v == null) {
      return null;
    }
    switch (spec.type()) {
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        if ("true".equals(v) || "false".equals(v)) {
          return Boolean.valueOf((String) v);
        }
        return null;
      case INTEGER: {
        Double d = number(v);
        if (d == null || d != Math.rint(d) || Double.isInfinite(d) || !spec.inRange(d)) {
          return null;
        }
        return d.longValue();
      }
      case REAL: {
        Double d = number(v);
        if (d == null || Double.isInfinite(d) || !spec.inRange(d)) {
          return null;
        }
        return d;
      }
      default:
        throw new AssertionError(spec.type());
    }
  }

  private static Double number(Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble(((String) v).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String show(Object v) {
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  /** A real parameter's value. */
  public double real(String name) {
    return (Double) get(name);
  }

  /** An integer parameter's value. */
  public long integer(String name) {
    return (Long) get(name);
  }

  /** A boolean parameter's value. */
  public boolean bool(String name) {
    return (Boolean) get(name);
  }

  private Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'; declared: " + values.keySet());
    }
    return v;
  }

  /** Every value by name, in declaration order: what a run records as the plugin's configuration. */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params && ((Params) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
  }
}
