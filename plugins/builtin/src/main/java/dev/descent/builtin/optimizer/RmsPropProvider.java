package dev.descent.builtin.optimizer;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;

/**
 * {@code rmsprop}: {@code torch.optim.RMSprop} with the same defaults; see {@link RmsProp}. torch
 * only requires alpha >= 0; descent keeps it in [0, 1], where the running average stays non-negative.
 */
public final class RmsPropProvider extends BuiltinPlugin implements OptimizerProvider {

  public RmsPropProvider() {
    super("rmsprop", "RMSprop with optional centering and momentum, as torch.optim.RMSprop.",
        ParamSpec.real(LEARNING_RATE, 0.01, "step size").atLeast(0),
        ParamSpec.real("alpha", 0.99, "decay rate of the running average of squared gradients").atLeast(0).atMost(1),
        ParamSpec.real("eps", 1e-8, "added to the denominator for numerical stability").atLeast(0),
        ParamSpec.real("weight_decay", 0.0, "L2 penalty added to the gradient as weight_decay * p").atLeast(0),
        ParamSpec.real("momentum", 0.0, "momentum factor; 0 disables the momentum buffer").atLeast(0),
        ParamSpec.bool("centered", false, "normalize by an estimate of the gradient's variance instead of its second moment"));
  }

  @Override
  public Optimizer create(Params p) {
    return new RmsProp(p, p.real(LEARNING_RATE), p.real("alpha"), p.real("eps"), p.real("weight_decay"),
        p.real("momentum"), p.bool("centered"));
  }
}
