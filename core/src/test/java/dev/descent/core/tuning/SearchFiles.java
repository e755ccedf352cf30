package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.ExperimentException;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import dev.descent.spi.Problem;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Search files written inline for tests: a small xor experiment with a search section appended. */
final class SearchFiles {
  static final String BASE = """
      name: search-test
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

  private SearchFiles() {}

  static Sweep parse(String yaml) {
    return new SweepParser(TestExperiments.PLUGINS).parse(yaml, "search.yaml", Path.of("."));
  }

  static Map<String, String> problems(String yaml) {
    ExperimentException e = assertThrows(ExperimentException.class, () -> parse(yaml));
    return e.problems().stream().collect(Collectors.toMap(Problem::path, Problem::message, (a, b) -> a + " | " + b));
  }
}
