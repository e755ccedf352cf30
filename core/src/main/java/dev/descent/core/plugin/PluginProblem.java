package dev.descent.core.plugin;

import java.nio.file.Path;

/**
 * Something wrong with one plugin jar, found while loading the plugin directory. A problem never
 * stops the other jars: the plugins it concerns are left out ({@code rejected}) or, for a warning,
 * loaded anyway.
 *
 * @param jar the jar concerned
 * @param message what is wrong and how to fix it
 * @param rejected true when the jar's plugin (or the whole jar) was not loaded; false for a warning
 */
public record PluginProblem(Path jar, String message, boolean rejected) {

  /** A problem that kept a plugin or the jar out of the registry. */
  static PluginProblem rejected(Path jar, String message) {
    return new PluginProblem(jar, message, true);
  }

  /** A warning: the jar's plugins were loaded anyway. */
  static PluginProblem warning(Path jar, String message) {
    return new PluginProblem(jar, message, false);
  }

  @Override
  public String toString() {
    return jar + ": " + message;
  }
}
