package dev.descent.testkit.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ReferenceTraces}: a file of reference points is read and compared coordinate by coordinate. */
class ReferenceTracesTest {

  /** Gradient descent, p = p - learning_rate * g, written independently of the reference points below. */
  private static final OptimizerProvider DESCENT = new OptimizerProvider() {
    @Override
    public String name() {
      return "plain_descent";
    }

    @Override
    public String description() {
      return "p = p - learning_rate * g";
    }

    @Override
    public List<ParamSpec> parameters() {
      return List.of(ParamSpec.real(LEARNING_RATE, 0.01, "step size").atLeast(0));
    }

    @Override
    public Optimizer create(Params params) {
      double lr = params.real(LEARNING_RATE);
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
          return new ElementwiseState(parameter) {
            @Override
            protected void update(double[] p, double[] g, long t) {
              for (int i = 0; i < p.length; i++) {
                p[i] -= lr * g[i];
              }
            }
          };
        }
      };
    }
  };

  /** Gradient descent on 0.5 (x^2 + 10 y^2) by hand: x' = x (1 - lr), y' = y (1 - 10 lr). */
  private static String quadratic(double lr, int steps, double perturb) {
    double x = 2.0;
    double y = 1.0;
    StringBuilder pts = new StringBuilder("[[2.0,1.0]");
    for (int k = 1; k <= steps; k++) {
      x = x - lr * x;
      y = y - lr * (10.0 * y);
      pts.append(String.format(Locale.ROOT, ",[%.17g,%.17g]", k == steps ? x * (1 + perturb) : x, y));
    }
    return "{\"source\":\"by hand\",\"cases\":[{\"params\":{\"learning_rate\":" + lr
        + "},\"function\":\"quadratic\",\"start\":[2.0,1.0],\"points\":" + pts + "]}]}";
  }

  private static List<ReferenceTrace> read(String json) throws Exception {
    return ReferenceTraces.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void reads_params_function_and_every_point() throws Exception {
    ReferenceTrace t = read(quadratic(0.05, 20, 0)).get(0);
    assertEquals(0.05, t.params().get("learning_rate"));
    assertEquals(TestFunction.QUADRATIC, t.function());
    assertEquals(21, t.points().size());
  }

  @Test
  void an_optimizer_that_follows_the_reference_passes() throws Exception {
    double worst = read(quadratic(0.05, 20, 0)).get(0).check(DESCENT, 1e-12);
    assertTrue(worst <= 1e-12, "worst relative error " + worst);
  }

  @Test
  void a_deviation_fails_naming_the_step_and_the_coordinate() throws Exception {
    ReferenceTrace t = read(quadratic(0.05, 20, 1e-6)).get(0);
    AssertionError e = assertThrows(AssertionError.class, () -> t.check(DESCENT, 1e-9));
    assertTrue(e.getMessage().contains("step 20 coordinate 0"), e.getMessage());
  }

  @Test
  void a_file_without_cases_is_refused() {
    Exception e = assertThrows(java.io.IOException.class, () -> read("{\"cases\": []}"));
    assertTrue(e.getMessage().contains("cases"), e.getMessage());
  }

  @Test
  void tests_names_one_dynamic_test_per_case() {
    String names = ReferenceTraces.tests(DESCENT, "/reference/two-cases.json", 1e-12)
        .map(d -> d.getDisplayName()).collect(Collectors.joining("; "));
    assertEquals("{learning_rate=0.05} on quadratic; {} on quadratic", names);
  }
}
