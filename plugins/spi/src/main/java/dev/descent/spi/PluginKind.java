package dev.descent.spi;

import java.util.Locale;

/** The three kinds of plugin, each with its provider interface. */
public enum PluginKind {
  ACTIVATION(ActivationProvider.class),
  LOSS(LossProvider.class),
  OPTIMIZER(OptimizerProvider.class);

  private final Class<? extends Plugin> providerType;

  PluginKind(Class<? extends Plugin> providerType) {
    this.providerType = providerType;
  }

  /** The interface a provider of this kind implements and lists in {@code META-INF/services}. */
  public Class<? extends Plugin> providerType() {
    return providerType;
  }

  /** The lowercase word used in messages and listings: {@code activation}, {@code loss}, {@code optimizer}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
