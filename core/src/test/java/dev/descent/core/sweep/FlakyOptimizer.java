package dev.descent.core.sweep;

import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test optimizer that throws on its first step when {@code explode} is true, plain SGD otherwise. */
public final class FlakyOptimizer implements OptimizerProvider {
  @Override
  public String name() {
    return "flaky";
  }

  @Override
  public String description() {
    return "SGD that throws when told to, for failure-isolation tests.";
  }

  @Override
  public List<ParamSpec> parameters() {
    return List.of(ParamSpec.real(LEARNING_RATE, 0.1, "step size").above(0),
        ParamSpec.bool("explode", false, "throw on the first step"));
  }

  @Override
  public Optimizer create(Params params) {
    double lr = params.real(LEARNING_RATE);
    boolean explode = params.bool("explode");
    return new Optimizer() {
      @Override
      public Params params() {
        return params;
      }

      @Override
      public double learningRate() {
        return lr;
      }

      @Override
      public ParameterState newState(INDArray parameter) {
        return new ParameterState() {
          private long steps;

          @Override
          public void step(INDArray p, INDArray g) {
            if (explode) {
              throw new IllegalStateException("flaky exploded as configured");
            }
            steps++;
            p.subi(g.mul(lr));
          }

          @Override
          public long steps() {
            return steps;
          }
        };
      }
    };
  }
}
