package dev.descent.builtin.activation;

import dev.descent.builtin.Registered;
import dev.descent.spi.ActivationProvider;
import dev.descent.testkit.ActivationContract;
import java.util.List;
import java.util.Map;

class LeakyReluTest extends ActivationContract {
  @Override
  protected ActivationProvider plugin() {
    return Registered.plugin(ActivationProvider.class, "leaky_relu");
  }

  @Override
  protected List<Map<String, ?>> configurations() {
    return List.of(Map.of("negative_slope", 0.2), Map.of("negative_slope", 0.0));
  }
}
