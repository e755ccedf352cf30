package dev.descent.examples.lion;

import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.OptimizerContract;

/** Lion passes the contract every built-in optimizer passes. */
class LionTest extends OptimizerContract {
  @Override
  protected OptimizerProvider plugin() {
    return new LionProvider();
  }
}
