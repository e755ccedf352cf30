package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import dev.descent.core.TestPlugins;
import dev.descent.spi.Optimizer;
import dev.descent.testkit.trace.OptimizerTrace;
import dev.descent.testkit.trace.TestFunction;
import dev.descent.testkit.trace.TracePoint;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginsAndOptimizersCommandTest {

  @Test
  void plugins_list_shows_every_builtin_with_parameters_and_source() throws Exception {
    CliRunner r = CliRunner.run("plugins", "list", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode all = Json.mapper().readTree(r.out());
    Set<String> names = new HashSet<>();
    for (JsonNode p : all) {
      names.add(p.get("kind").asText() + ":" + p.get("name").asText());
      assertTrue(p.get("source").asText().contains("builtin"), p.toString());
    }
    for (String n : List.of("activation:relu", "activation:softmax", "loss:mse", "loss:softmax_cross_entropy",
        "optimizer:sgd", "optimizer:adam", "optimizer:adadelta", "optimizer:adagrad", "optimizer:rmsprop")) {
      assertTrue(names.contains(n), n + " in " + names);
    }
    JsonNode adam = null;
    for (JsonNode p : all) {
      if (p.get("name").asText().equals("adam")) {
        adam = p;
      }
    }
    assertEquals("learning_rate", adam.get("parameters").get(0).get("name").asText());
    assertEquals(0.001, adam.get("parameters").get(0).get("default").asDouble());
    CliRunner text = CliRunner.run("plugins", "list");
    assertTrue(text.out().contains("amsgrad"), text.out());
  }

  @Test
  void trace_prints_the_trajectory_of_the_configured_optimizer() throws Exception {
    CliRunner r = CliRunner.run("optimizers", "trace", "--optimizer", "adam", "--param", "learning_rate=0.01",
        "--param", "amsgrad=true", "--function", "rosenbrock", "--start=-1.5,2", "--steps", "200", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode rows = Json.mapper().readTree(r.out());
    assertEquals(201, rows.size());
    assertEquals(0, rows.get(0).get("step").asInt());
    assertEquals(-1.5, rows.get(0).get("x").get(0).asDouble());
    Optimizer adam = TestPlugins.REGISTRY.optimizer("adam").configure(Map.of("learning_rate", 0.01, "amsgrad", true));
    List<TracePoint> expected = OptimizerTrace.run(adam, TestFunction.ROSENBROCK, new double[] {-1.5, 2}, 200);
    assertEquals(expected.get(200).loss(), rows.get(200).get("loss").asDouble());
    assertTrue(rows.get(200).get("loss").asDouble() < rows.get(0).get("loss").asDouble());
  }

  @Test
  void trace_rejects_bad_parameters_with_exit_2() {
    CliRunner r = CliRunner.run("optimizers", "trace", "--optimizer", "adam", "--param", "beta3=1");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("beta3") && r.err().contains("valid: learning_rate"), r.err());
    CliRunner unknown = CliRunner.run("optimizers", "trace", "--optimizer", "lion");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("Unknown optimizer 'lion'. Available: adadelta, adagrad, adam, rmsprop, sgd"), unknown.err());
  }

  @Test
  void version_names_the_backend() {
    CliRunner r = CliRunner.run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("ND4J cpu backend"), r.out());
    assertTrue(r.out().contains("OPENBLAS_CORETYPE="), r.out());
  }
}
