package dev.descent.spi;

import java.util.Map;

/**
 * Provides a named optimizer. Register the implementing class in
 * {@code META-INF/services/dev.descent.spi.OptimizerProvider}.
 *
 * <p>Every optimizer takes {@code learning_rate}: sweeps set it as a first-class axis.
 */
public interface OptimizerProvider extends Plugin {

  /** The parameter every optimizer declares. */
  String LEARNING_RATE = "learning_rate";

  /** Creates the immutable optimizer configuration for validated parameters. */
  Optimizer create(Params params);

  /** Validates raw parameters and creates the optimizer; see {@link Plugin#resolve}. */
  default Optimizer configure(Map<String, ?> raw) {
    return create(resolve(raw));
  }

  @Override
  default PluginKind kind() {
    return PluginKind.OPTIMIZER;
  }
}
