package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link Contracts}: the list verify runs is the JUnit contract's list, and a broken plugin fails by name. */
class ContractsTest {

  /** Plain gradient descent; {@code broken} makes learningRate() ignore the configured value. */
  private static OptimizerProvider descent(boolean broken) {
    return new OptimizerProvider() {
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
            return broken ? 0.01 : lr;
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
  }

  @Test
  void verify_runs_the_checks_of_the_junit_contract_under_the_same_names() {
    OptimizerProvider plugin = descent(false);
    OptimizerContract junit = new OptimizerContract() {
      @Override
      protected OptimizerProvider plugin() {
        return plugin;
      }
    };
    List<String> names = Contracts.checks(plugin).stream().map(ContractCheck::name).toList();
    assertEquals(junit.checks().stream().map(ContractCheck::name).toList(), names);
    assertEquals(15, names.size(), names.toString());
    assertTrue(names.contains("updates_views_like_separate_arrays_and_touches_nothing_else"), names.toString());
    assertTrue(names.contains("descends_on_a_convex_quadratic"), names.toString());
  }

  @Test
  void a_correct_optimizer_passes_every_check() {
    for (ContractCheck c : Contracts.checks(descent(false))) {
      ContractCheck.Result r = c.run();
      assertTrue(r.passed(), () -> c.name() + ": " + r.message());
    }
  }

  @Test
  void a_broken_optimizer_fails_the_check_that_catches_it_with_its_message() {
    Map<String, ContractCheck.Result> results = new java.util.LinkedHashMap<>();
    Contracts.checks(descent(true)).forEach(c -> results.put(c.name(), c.run()));
    ContractCheck.Result r = results.get("declares_learning_rate");
    assertFalse(r.passed());
    assertTrue(r.message().contains("learningRate() reports the configured value"), r.message());
    assertEquals(1, results.values().stream().filter(x -> !x.passed()).count(), results.toString());
  }
}
