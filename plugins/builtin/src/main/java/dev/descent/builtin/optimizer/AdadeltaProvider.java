package dev.descent.builtin.optimizer;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;

/** {@code adadelta}: {@code torch.optim.Adadelta} with the same defaults; see {@link Adadelta}. */
public final class AdadeltaProvider extends BuiltinPlugin implements OptimizerProvider {

  public AdadeltaProvider() {
    super("adadelta", "Adadelta, as torch.optim.Adadelta.",
        ParamSpec.real(LEARNING_RATE, 1.0, "scale applied to the delta").atLeast(0),
        ParamSpec.real("rho", 0.9, "decay rate of the running averages of squared gradients and deltas").atLeast(0).atMost(1),
        ParamSpec.real("eps", 1e-6, "added inside both square roots for numerical stability").atLeast(0),
        ParamSpec.real("weight_decay", 0.0, "L2 penalty added to the gradient as weight_decay * p").atLeast(0));
  }

  @Override
  public Optimizer create(Params p) {
    return new Adadelta(p, p.real(LEARNING_RATE), p.real("rho"), p.real("eps"), p.real("weight_decay"));
  }
}
