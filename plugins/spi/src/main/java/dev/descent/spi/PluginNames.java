package dev.descent.spi;

import java.util.regex.Pattern;

/** The rule every plugin name and parameter name follows, checked when plugins are loaded. */
public final class PluginNames {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private PluginNames() {}

  /** True for lowercase snake_case names of 1 to 40 characters that start with a letter. */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** The rule in words, for error messages. */
  public static String rule() {
    return "lowercase letters, digits and '_', starting with a letter, at most 40 characters";
  }
}
