package dev.descent.builtin.loss;

import dev.descent.builtin.Registered;
import dev.descent.spi.LossProvider;
import dev.descent.testkit.LossContract;

class SoftmaxCrossEntropyTest extends LossContract {
  @Override
  protected LossProvider plugin() {
    return Registered.plugin(LossProvider.class, "softmax_cross_entropy");
  }
}
