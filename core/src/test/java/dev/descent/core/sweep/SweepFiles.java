package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.ExperimentException;
import dev.descent.spi.Problem;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sweep files written inline for tests: a small base experiment on xor with a grid or a search section appended.
 * Public for the search tests in {@code tuning}, whose files are sweep files too.
 */
public final class SweepFiles {
  public static final String BASE = """
      name: grid-test
      dataset: {name: xor, samples: 200, test_samples: 50}
      model:
        layers:
          - {type: dense, units: 8, activation: relu}
          - {type: dropout, rate: 0.1}
          - {type: dense, units: 2, activation: softmax}
        loss: softmax_cross_entropy
      training:
        optimizer: {name: adam, learning_rate: 0.01}
        batch_size: 16
        epochs: 2
        seed: 5
      """;

  private SweepFiles() {}

  public static Sweep parse(String yaml) {
    return new SweepParser(TestExperiments.PLUGINS).parse(yaml, "grid.yaml", Path.of("."));
  }

  /** The base experiment followed by {@code sweep} (grid, seeds, objective sections). */
  static Sweep withBase(String sweep) {
    return parse(BASE + sweep);
  }

  static ExperimentException failure(String yaml) {
    return assertThrows(ExperimentException.class, () -> parse(yaml));
  }

  static Map<String, String> byPath(ExperimentException e) {
    return e.problems().stream().collect(Collectors.toMap(Problem::path, Problem::message, (a, b) -> a + " | " + b));
  }

  /** The problems {@code yaml} is refused for, message by path. */
  public static Map<String, String> problems(String yaml) {
    return byPath(failure(yaml));
  }
}
