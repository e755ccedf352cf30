package dev.descent.testkit.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Uses a hand-written plain gradient descent, so the trace is checked independently of any plugin. */
class OptimizerTraceTest {

  private static final Optimizer PLAIN = new Optimizer() {
    @Override
    public Params params() {
      return null;
    }

    @Override
    public double learningRate() {
      return 0.1;
    }

    @Override
    public ParameterState newState(INDArray parameter) {
      assertEquals(DataType.DOUBLE, parameter.dataType());
      return new ParameterState() {
        private long steps;

        @Override
        public void step(INDArray p, INDArray g) {
          p.subi(g.mul(0.1));
          steps++;
        }

        @Override
        public long steps() {
          return steps;
        }
      };
    }
  };

  @Test
  void entry_k_is_the_point_after_k_updates() {
    List<TracePoint> t = OptimizerTrace.run(PLAIN, TestFunction.QUADRATIC, new double[] {2, 1}, 3);
    assertEquals(4, t.size());
    assertArrayEquals(new double[] {2, 1}, t.get(0).x());
    assertEquals(7.0, t.get(0).loss());
    assertArrayEquals(new double[] {1.8, 0.0}, t.get(1).x(), 1e-15);
    assertEquals(3, t.get(3).step());
    assertArrayEquals(new double[] {2 * 0.9 * 0.9 * 0.9, 0.0}, t.get(3).x(), 1e-15);
  }

  @Test
  void starts_from_the_function_start_by_default() {
    assertArrayEquals(TestFunction.ROSENBROCK.start(), OptimizerTrace.run(PLAIN, TestFunction.ROSENBROCK, 0).get(0).x());
  }
}
