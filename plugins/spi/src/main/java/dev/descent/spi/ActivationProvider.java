package dev.descent.spi;

import java.util.Map;

/**
 * Provides a named activation function. Register the implementing class in
 * {@code META-INF/services/dev.descent.spi.ActivationProvider}.
 */
public interface ActivationProvider extends Plugin {

  /** Creates the activation for validated parameters. */
  Activation create(Params params);

  /** Validates raw parameters and creates the activation; see {@link Plugin#resolve}. */
  default Activation configure(Map<String, ?> raw) {
    return create(resolve(raw));
  }

  @Override
  default PluginKind kind() {
    return PluginKind.ACTIVATION;
  }
}
