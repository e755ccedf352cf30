package dev.descent.builtin.loss;

import dev.descent.builtin.Registered;
import dev.descent.spi.LossProvider;
import dev.descent.testkit.LossContract;

class BinaryCrossEntropyTest extends LossContract {
  @Override
  protected LossProvider plugin() {
    return Registered.plugin(LossProvider.class, "binary_cross_entropy");
  }
}
