package dev.descent.builtin.optimizer;

import dev.descent.builtin.Registered;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;

class AdagradContractTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return Registered.plugin(OptimizerProvider.class, "adagrad");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("lr_decay", 0.01, "initial_accumulator_value", 0.1, "weight_decay", 0.01));
  }

  /** The torch default of adagrad descends too slowly for the check's 500 steps. */
  @Override
  protected Map<String, ?> descentConfiguration() {
    return Map.of("learning_rate", 0.5);
  }
}
