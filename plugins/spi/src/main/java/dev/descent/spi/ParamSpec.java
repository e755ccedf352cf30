package dev.descent.spi;

import java.util.Objects;

/**
 * One documented parameter of a plugin: its name, type, default, allowed range and a one-line
 * description. Ranges are checked by {@link Params#resolve} so a plugin never sees a bad value.
 *
 * @param name snake_case name as written in experiment files ({@code learning_rate})
 * @param type the value type
 * @param defaultValue the value used when the parameter is not given; never null
 * @param min lower bound, or {@code null} for none (numbers only)
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper bound, or {@code null} for none (numbers only)
 * @param maxInclusive whether {@code max} itself is allowed
 * @param description one line for listings and docs
 */
public record ParamSpec(
    String name,
    ParamType type,
    Object defaultValue,
    Double min,
    boolean minInclusive,
    Double max,
    boolean maxInclusive,
    String description) {

  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
  }

  /** A real parameter with no bounds yet; add them with {@link #atLeast}, {@link #above}, .... */
  public static ParamSpec real(String name, double defaultValue, String description) {
    return new ParamSpec(name, ParamType.REAL, defaultValue, null, false, null, false, description);
  }

  /** An integer parameter with no bounds yet. */
  public static ParamSpec integer(String name, long defaultValue, String description) {
    return new ParamSpec(name, ParamType.INTEGER, defaultValue, null, false, null, false, description);
  }

  /** A boolean parameter. */
  public static ParamSpec bool(String name, boolean defaultValue, String description) {
    return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, null, false, null, false, description);
  }

  /** The same parameter with the inclusive lower bound {@code min}. */
  public ParamSpec atLeast(double min) {
    return new ParamSpec(name, type, defaultValue, min, true, max, maxInclusive, description);
  }

  /** The same parameter with the exclusive lower bound {@code min}. */
  public ParamSpec above(double min) {
    return new ParamSpec(name, type, defaultValue, min, false, max, maxInclusive, description);
  }

  /** The same parameter with the inclusive upper bound {@code max}. */
  public ParamSpec atMost(double max) {
    return new ParamSpec(name, type, defaultValue, min, minInclusive, max, true, description);
  }

  /** The same parameter with the exclusive upper bound {@code max}. */
  public ParamSpec below(double max) {
    return new ParamSpec(name, type, defaultValue, min, minInclusive, max, false, description);
  }

  /** The allowed values in words: {@code a real number in [0, 1)}, {@code true or false}. */
  public String allowed() {
    if (type == ParamType.BOOLEAN) {
      return "true or false";
    }
    String what = type == ParamType.REAL ? "a real number" : "an integer";
    if (min == null && max == null) {
      return what;
    }
    if (max == null) {
      return what + (minInclusive ? " >= " : " > ") + fmt(min);
    }
    if (min == null) {
      return what + (maxInclusive ? " <= " : " < ") + fmt(max);
    }
    return what + " in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
  }

  /** Whether a number lies within the bounds. */
  public boolean inRange(double v) {
    if (Double.isNaN(v)) {
      return false;
    }
    if (min != null && (minInclusive ? v < min : v <= min)) {
      return false;
    }
    return max == null || (maxInclusive ? v <= max : v < max);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
