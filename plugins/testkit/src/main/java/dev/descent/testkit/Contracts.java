package dev.descent.testkit;

import dev.descent.spi.ActivationProvider;
import dev.descent.spi.LossProvider;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Plugin;
import java.util.List;

/**
 * The contract checks of any plugin, with the contract's default settings: what
 * {@code descent plugins verify} runs on a jar. A plugin's own JUnit test (a subclass of
 * {@link OptimizerContract}, {@link ActivationContract} or {@link LossContract}) runs the same list,
 * plus any configurations it adds.
 */
public final class Contracts {
  private Contracts() {}

  /** The checks of {@code plugin}'s kind, in order. */
  public static List<ContractCheck> checks(Plugin plugin) {
    if (plugin instanceof OptimizerProvider o) {
      return new OptimizerContract() {
        @Override
        protected OptimizerProvider plugin() {
          return o;
        }
      }.checks();
    }
    if (plugin instanceof ActivationProvider a) {
      return new ActivationContract() {
        @Override
        protected ActivationProvider plugin() {
          return a;
        }
      }.checks();
    }
    if (plugin instanceof LossProvider l) {
      return new LossContract() {
        @Override
        protected LossProvider plugin() {
          return l;
        }
      }.checks();
    }
    return new PluginContract<Plugin>() {
      @Override
      protected Plugin plugin() {
        return plugin;
      }
    }.checks();
  }
}
