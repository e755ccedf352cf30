package dev.descent.spi;

/** The value types a plugin parameter can have. */
public enum ParamType {
  /** A double; integers and numeric strings such as {@code 1e-3} are accepted. */
  REAL,
  /** A long; a double with no fractional part is accepted. */
  INTEGER,
  /** {@code true} or {@code false}, as a boolean or a string. */
  BOOLEAN;
}
