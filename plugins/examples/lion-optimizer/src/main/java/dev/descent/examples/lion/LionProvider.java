package dev.descent.examples.lion;

import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;
import java.util.List;

/**
 * {@code lion}: the Lion optimizer of Chen et al. 2023; see {@link Lion} for the update rule.
 *
 * <p>Listed in {@code META-INF/services/dev.descent.spi.OptimizerProvider}; descent creates one
 * instance per process with the no-arg constructor and calls it from several threads, so it holds
 * nothing but constants.
 */
public final class LionProvider implements OptimizerProvider {
  private static final List<ParamSpec> PARAMETERS = List.of(
      ParamSpec.real(LEARNING_RATE, 1e-4, "step size; Lion's sign update is larger than Adam's, so use 3-10x less").atLeast(0),
      ParamSpec.real("beta1", 0.9, "interpolation between momentum and gradient for the update direction").atLeast(0).below(1),
      ParamSpec.real("beta2", 0.99, "decay rate of the momentum").atLeast(0).below(1),
      ParamSpec.real("weight_decay", 0.0, "decoupled weight decay: p shrinks by learning_rate * weight_decay * p").atLeast(0));

  @Override
  public String name() {
    return "lion";
  }

  @Override
  public String description() {
    return "Lion (Chen et al. 2023): the sign of an interpolated momentum, with decoupled weight decay.";
  }

  @Override
  public List<ParamSpec> parameters() {
    return PARAMETERS;
  }

  @Override
  public Optimizer create(Params p) {
    return new Lion(p, p.real(LEARNING_RATE), p.real("beta1"), p.real("beta2"), p.real("weight_decay"));
  }
}
