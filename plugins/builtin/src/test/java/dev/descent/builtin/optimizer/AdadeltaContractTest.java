package dev.descent.builtin.optimizer;

import dev.descent.builtin.Registered;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;

class AdadeltaContractTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return Registered.plugin(OptimizerProvider.class, "adadelta");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("rho", 0.5, "eps", 1e-4, "weight_decay", 0.01));
  }

  /** Adadelta's learning rate scales a self-sized step: its default 1.0, not 0.01, is the useful one. */
  @Override
  protected Map<String, ?> descentConfiguration() {
    return Map.of();
  }
}
