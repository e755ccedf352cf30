package dev.descent.spi;

import java.util.Map;

/**
 * Provides a named loss function. Register the implementing class in
 * {@code META-INF/services/dev.descent.spi.LossProvider}.
 */
public interface LossProvider extends Plugin {

  /** Creates the loss for validated parameters. */
  Loss create(Params params);

  /** Validates raw parameters and creates the loss; see {@link Plugin#resolve}. */
  default Loss configure(Map<String, ?> raw) {
    return create(resolve(raw));
  }

  @Override
  default PluginKind kind() {
    return PluginKind.LOSS;
  }
}
