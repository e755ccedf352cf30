package dev.descent.builtin.optimizer;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;

/** {@code adam}: {@code torch.optim.Adam} with the same defaults; see {@link Adam} for the update rule. */
public final class AdamProvider extends BuiltinPlugin implements OptimizerProvider {

  public AdamProvider() {
    super("adam", "Adam with optional AMSGrad and L2 weight decay, as torch.optim.Adam.",
        ParamSpec.real(LEARNING_RATE, 1e-3, "step size").atLeast(0),
        ParamSpec.real("beta1", 0.9, "decay rate of the first-moment (mean) estimate").atLeast(0).below(1),
        ParamSpec.real("beta2", 0.999, "decay rate of the second-moment (uncentered variance) estimate").atLeast(0).below(1),
        ParamSpec.real("eps", 1e-8, "added to the denominator for numerical stability").atLeast(0),
        ParamSpec.real("weight_decay", 0.0, "L2 penalty added to the gradient as weight_decay * p").atLeast(0),
        ParamSpec.bool("amsgrad", false, "use the running maximum of the second moment (AMSGrad)"));
  }

  @Override
  public Optimizer create(Params p) {
    return new Adam(p, p.real(LEARNING_RATE), p.real("beta1"), p.real("beta2"), p.real("eps"),
        p.real("weight_decay"), p.bool("amsgrad"));
  }
}
