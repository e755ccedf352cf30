package dev.descent.builtin.activation;

import dev.descent.builtin.Registered;
import dev.descent.spi.ActivationProvider;
import dev.descent.testkit.ActivationContract;

class IdentityTest extends ActivationContract {
  @Override
  protected ActivationProvider plugin() {
    return Registered.plugin(ActivationProvider.class, "identity");
  }
}
