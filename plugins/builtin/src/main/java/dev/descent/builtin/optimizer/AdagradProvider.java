package dev.descent.builtin.optimizer;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;

/** {@code adagrad}: {@code torch.optim.Adagrad} with the same defaults; see {@link Adagrad}. */
public final class AdagradProvider extends BuiltinPlugin implements OptimizerProvider {

  public AdagradProvider() {
    super("adagrad", "Adagrad, as torch.optim.Adagrad.",
        ParamSpec.real(LEARNING_RATE, 0.01, "step size before decay").atLeast(0),
        ParamSpec.real("lr_decay", 0.0, "the step size at update t is learning_rate / (1 + (t-1) * lr_decay)").atLeast(0),
        ParamSpec.real("weight_decay", 0.0, "L2 penalty added to the gradient as weight_decay * p").atLeast(0),
        ParamSpec.real("initial_accumulator_value", 0.0, "starting value of the sum of squared gradients").atLeast(0),
        ParamSpec.real("eps", 1e-10, "added to the denominator for numerical stability").atLeast(0));
  }

  @Override
  public Optimizer create(Params p) {
    return new Adagrad(p, p.real(LEARNING_RATE), p.real("lr_decay"), p.real("weight_decay"),
        p.real("initial_accumulator_value"), p.real("eps"));
  }
}
