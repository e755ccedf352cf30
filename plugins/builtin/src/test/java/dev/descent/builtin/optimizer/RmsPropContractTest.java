package dev.descent.builtin.optimizer;

import dev.descent.builtin.Registered;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;

class RmsPropContractTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return Registered.plugin(OptimizerProvider.class, "rmsprop");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("centered", true, "momentum", 0.9, "weight_decay", 0.01), Map.of("momentum", 0.5, "alpha", 0.9));
  }
}
