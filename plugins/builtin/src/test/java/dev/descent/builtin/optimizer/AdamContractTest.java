package dev.descent.builtin.optimizer;

import dev.descent.builtin.Registered;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;

class AdamContractTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return Registered.plugin(OptimizerProvider.class, "adam");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("amsgrad", true, "weight_decay", 0.01), Map.of("beta1", 0.5, "beta2", 0.9, "eps", 1e-6));
  }
}
