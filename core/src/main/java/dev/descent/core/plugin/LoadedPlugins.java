package dev.descent.core.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of loading the built-ins and a plugin directory: the registry of every plugin that
 * loaded, and the problems of the jars that did not (or loaded with a warning).
 *
 * @param registry built-ins plus the good jar plugins
 * @param directory the plugin directory that was read; null when there was none
 * @param problems one per bad jar or bad plugin, in jar order
 */
public record LoadedPlugins(PluginRegistry registry, Path directory, List<PluginProblem> problems) {

  public LoadedPlugins {
    problems = List.copyOf(problems);
  }

  /** The built-ins of {@code loader} alone, with no plugin directory. */
  public static LoadedPlugins builtinsOnly(ClassLoader loader) {
    return new LoadedPlugins(PluginRegistry.discover(loader), null, List.of());
  }
}
