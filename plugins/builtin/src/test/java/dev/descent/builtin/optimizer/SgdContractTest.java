package dev.descent.builtin.optimizer;

import dev.descent.builtin.Registered;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;

class SgdContractTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return Registered.plugin(OptimizerProvider.class, "sgd");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("momentum", 0.9, "dampening", 0.1, "weight_decay", 0.01), Map.of("momentum", 0.9, "nesterov", true));
  }
}
