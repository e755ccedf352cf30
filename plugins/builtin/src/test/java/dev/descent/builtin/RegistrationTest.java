package dev.descent.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.spi.Plugin;
import dev.descent.spi.PluginKind;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RegistrationTest {

  private static Set<String> names(PluginKind kind) {
    Set<String> names = new TreeSet<>();
    for (Plugin p : ServiceLoader.load(kind.providerType(), RegistrationTest.class.getClassLoader())) {
      names.add(p.name());
    }
    return names;
  }

  @Test
  void every_builtin_is_registered_through_meta_inf_services() {
    assertEquals(Set.of("identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax", "elu", "gelu"), names(PluginKind.ACTIVATION));
    assertEquals(Set.of("mse", "binary_cross_entropy", "softmax_cross_entropy"), names(PluginKind.LOSS));
    assertEquals(Set.of("sgd", "adam", "adadelta", "adagrad", "rmsprop"), names(PluginKind.OPTIMIZER));
  }
}
