package dev.descent.core;

import dev.descent.core.plugin.PluginRegistry;

/** The registry the CLI sees, for computing expected values in tests. */
public final class TestPlugins {
  public static final PluginRegistry REGISTRY = PluginRegistry.discover(TestPlugins.class.getClassLoader());

  private TestPlugins() {}
}
