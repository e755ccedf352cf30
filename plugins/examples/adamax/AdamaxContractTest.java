package com.example.adamax;

import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;

/**
 * The optimizer contract of descent's test kit: the same checks, under the same names, as
 * {@code descent plugins verify} runs on the jar.
 */
class AdamaxContractTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return new AdamaxProvider();
  }

  /** Configurations checked besides the defaults: every parameter has a non-default value in one. */
  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("learning_rate", 0.05, "beta1", 0.8, "beta2", 0.99, "eps", 1e-6, "weight_decay", 0.01));
  }
}
