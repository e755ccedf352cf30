package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.ExperimentException;
import dev.descent.core.experiment.YamlInput;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of a valid sweep file, and every grid value, replaced in turn by each value a hostile or
 * careless file can hold: each combination must parse or be refused as input, never crash the parser.
 * Deterministic, so it runs in every build beside the randomized fuzz target.
 */
class HostileValueMatrixTest {
  private static final String FILE = """
      name: matrix
      description: d
      dataset: {name: xor, samples: 40, test_samples: 10, noise: 0.1, validation_split: 0.2, seed: 1,
                path: a.csv, feature_columns: [a, b], scale: none}
      model:
        layers:
          - {type: dense, units: 4, activation: {name: leaky_relu, negative_slope: 0.1}}
          - {type: dropout, rate: 0.1}
          - {type: dense, units: 2, activation: softmax}
        loss: softmax_cross_entropy
        init: normal
        init_std: 0.01
      training:
        optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9}
        batch_size: 8
        epochs: 1
        seed: 2
        dtype: float32
        early_stopping: {monitor: val_loss, mode: min, patience: 2, min_delta: 0.0, restore_best: true}
      grid:
        optimizer: [sgd, {name: adam, beta1: 0.8}]
        learning_rate: [0.01]
        dropout: [0.5]
        batch_size: [16]
        model.layers[0].units: [4, 8]
      seeds: [1]
      objective: {metric: val_accuracy, mode: max}
      """;
  private static final List<Object> HOSTILE = Arrays.asList(null, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -1, 0, 1, 0.5, Long.MAX_VALUE, new BigInteger("99999999999999999999999"), 1e300,
      "", "x", "\0", "NaN", "-1", "2024-01-01", true, List.of(), List.of(1, "a"), Map.of(), Map.of("name", "x"),
      Map.of("a", List.of(Map.of())));

  @Test
  void every_field_and_grid_value_survives_every_hostile_value() {
    Map<String, Object> doc = YamlInput.parse(FILE, "matrix.yaml");
    SweepParser parser = new SweepParser(TestExperiments.PLUGINS);
    parser.parseDocument(doc, "matrix.yaml", Path.of("."));
    List<List<Object>> paths = new ArrayList<>();
    collect(doc, new ArrayList<>(), paths);
    int refused = 0;
    for (List<Object> path : paths) {
      for (Object value : HOSTILE) {
        Map<String, Object> copy = asMap(CellBuilder.copy(doc));
        set(copy, path, value);
        try {
          parser.parseDocument(copy, "matrix.yaml", Path.of("."));
        } catch (ExperimentException e) {
          refused++;
          assertFalse(e.getMessage().matches("(?s).*(\\[B@|Exception|java\\.[a-z]+\\.).*"),
              "setting " + path + " to " + value + " gave a message with Java internals: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
          fail("setting " + path + " to " + value + " crashed the parser: " + e, e);
        }
      }
    }
    assertTrue(paths.size() > 60 && refused > paths.size() * 5, paths.size() + " paths, " + refused + " refused");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** Every path to a value in the tree, containers included. */
  private static void collect(Object node, List<Object> at, List<List<Object>> out) {
    if (!at.isEmpty()) {
      out.add(List.copyOf(at));
    }
    if (node instanceof Map<?, ?> m) {
      new LinkedHashMap<>(m).forEach((k, v) -> {
        at.add(k);
        collect(v, at, out);
        at.remove(at.size() - 1);
      });
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        at.add(i);
        collect(l.get(i), at, out);
        at.remove(at.size() - 1);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void set(Object root, List<Object> path, Object value) {
    Object node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object step = path.get(i);
      node = step instanceof Integer index ? ((List<Object>) node).get(index) : ((Map<String, Object>) node).get(step);
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer index) {
      ((List<Object>) node).set(index, value);
    } else {
      ((Map<String, Object>) node).put((String) last, value);
    }
  }
}
