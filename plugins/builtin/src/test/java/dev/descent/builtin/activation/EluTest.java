package dev.descent.builtin.activation;

import dev.descent.builtin.Registered;
import dev.descent.spi.ActivationProvider;
import dev.descent.testkit.ActivationContract;
import java.util.List;
import java.util.Map;

class EluTest extends ActivationContract {
  @Override
  protected ActivationProvider plugin() {
    return Registered.plugin(ActivationProvider.class, "elu");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("alpha", 0.5), Map.of("alpha", 2.0));
  }
}
