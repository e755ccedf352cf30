package dev.descent.builtin.optimizer;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.InvalidParamsException;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;
import dev.descent.spi.Problem;
import java.util.List;

/**
 * {@code sgd}: {@code torch.optim.SGD}; see {@link Sgd} for the update rule.
 *
 * <p>torch has no default learning rate; descent uses 0.01. Nesterov momentum needs momentum > 0
 * and dampening = 0, and is rejected otherwise, as torch does. torch does not bound dampening;
 * descent keeps it in [0, 1], where it is a fraction of the gradient.
 */
public final class SgdProvider extends BuiltinPlugin implements OptimizerProvider {

  public SgdProvider() {
    super("sgd", "Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.",
        ParamSpec.real(LEARNING_RATE, 0.01, "step size (torch requires one; descent's default is 0.01)").atLeast(0),
        ParamSpec.real("momentum", 0.0, "momentum factor; 0 disables the momentum buffer").atLeast(0),
        ParamSpec.real("dampening", 0.0, "fraction of the gradient held back from the momentum buffer").atLeast(0).atMost(1),
        ParamSpec.bool("nesterov", false, "Nesterov momentum; needs momentum > 0 and dampening = 0"),
        ParamSpec.real("weight_decay", 0.0, "L2 penalty added to the gradient as weight_decay * p").atLeast(0));
  }

  @Override
  public Optimizer create(Params p) {
    double momentum = p.real("momentum");
    double dampening = p.real("dampening");
    boolean nesterov = p.bool("nesterov");
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new InvalidParamsException(toString(), List.of(new Problem("nesterov",
          "Nesterov momentum requires momentum > 0 and dampening = 0, was momentum=" + momentum + ", dampening="
              + dampening + "; set momentum or turn nesterov off")));
    }
    return new Sgd(p, p.real(LEARNING_RATE), momentum, dampening, nesterov, p.real("weight_decay"));
  }
}
