package dev.descent.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.train.Trainer;

/**
 * Wires descent together: the plugin registry, discovered once from the given class loader, and
 * the services built on it. The CLI and the web server both start from this module.
 */
public final class DescentModule extends AbstractModule {
  private final ClassLoader pluginLoader;

  public DescentModule(ClassLoader pluginLoader) {
    this.pluginLoader = pluginLoader;
  }

  @Provides
  @Singleton
  PluginRegistry pluginRegistry() {
    return PluginRegistry.discover(pluginLoader);
  }

  @Provides
  @Singleton
  ExperimentParser experimentParser(PluginRegistry plugins) {
    return new ExperimentParser(plugins);
  }

  @Provides
  @Singleton
  Trainer trainer(PluginRegistry plugins) {
    return new Trainer(plugins);
  }
}
