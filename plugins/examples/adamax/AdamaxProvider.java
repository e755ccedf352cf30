package com.example.adamax;

import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;
import java.util.List;

/**
 * {@code adamax}: {@code torch.optim.Adamax} with the same defaults; see {@link Adamax} for the
 * update rule. torch's {@code lr} is {@code learning_rate} and its {@code betas} are
 * {@code beta1} and {@code beta2}.
 */
public final class AdamaxProvider implements OptimizerProvider {
  private static final List<ParamSpec> PARAMETERS = List.of(
      ParamSpec.real(LEARNING_RATE, 0.002, "step size").atLeast(0),
      ParamSpec.real("beta1", 0.9, "decay rate of the first moment").atLeast(0).below(1),
      ParamSpec.real("beta2", 0.999, "decay rate of the infinity norm").atLeast(0).below(1),
      ParamSpec.real("eps", 1e-8, "added to |g| so the norm is never 0").atLeast(0),
      ParamSpec.real("weight_decay", 0.0, "L2 penalty added to the gradient as weight_decay * p").atLeast(0));

  @Override
  public String name() {
    return "adamax";
  }

  @Override
  public String description() {
    return "Adamax: Adam with an infinity-norm second moment, as torch.optim.Adamax.";
  }

  @Override
  public List<ParamSpec> parameters() {
    return PARAMETERS;
  }

  @Override
  public Optimizer create(Params p) {
    return new Adamax(p, p.real(LEARNING_RATE), p.real("beta1"), p.real("beta2"), p.real("eps"),
        p.real("weight_decay"));
  }
}
