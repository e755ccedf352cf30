package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent run} on bad input: exit code 2, every problem with its path, no stack trace, and nothing
 * written to the store, whether the problem is in the file or only shows once the data is read.
 */
class RunBadInputTest {
  private static final String MOONS = """
      name: bad
      dataset: {name: moons, samples: 200, test_samples: 50}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: %s, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, epochs: 1}
      """;

  @TempDir
  Path dir;

  @TempDir
  Path store;

  private CliRunner run(String yaml, String... extra) throws Exception {
    Path file = Files.writeString(dir.resolve("f.yaml"), yaml);
    List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--store", store.toString()));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private void refusedWithNothingStored(CliRunner r, String expected) throws Exception {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), "no stack trace: " + r.err());
    try (Stream<Path> files = Files.list(store)) {
      assertEquals(List.of(), files.toList(), "nothing is written to the store");
    }
  }

  @Test
  void wrong_output_units_are_refused_before_a_run_is_recorded() throws Exception {
    refusedWithNothingStored(run(MOONS.formatted(3)), "model.layers[1].units: was 3, but dataset 'moons' has 2 classes");
  }

  @Test
  void a_sweep_with_one_bad_cell_records_nothing() throws Exception {
    refusedWithNothingStored(run(MOONS.formatted(2) + "grid:\n  model.layers[1].units: [2, 3]\n", "--workers", "1"),
        "(in 1 of 2 cells, e.g. cell 1 {model.layers[1].units=3})");
  }

  @Test
  void a_dry_run_checks_the_same() throws Exception {
    refusedWithNothingStored(run(MOONS.formatted(3) + "seeds: 2\n", "--dry-run"), "model.layers[1].units: was 3");
  }

  @Test
  void csv_classes_found_only_when_reading_the_data_are_checked_before_the_run() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 90; i++) {
      csv.append(i % 5).append(',').append(i % 7).append(',').append(i % 3).append('\n');
    }
    Files.writeString(dir.resolve("three.csv"), csv);
    refusedWithNothingStored(run(MOONS.formatted(2).replace("{name: moons, samples: 200, test_samples: 50}",
        "{name: csv, path: three.csv}")), "model.layers[1].units: was 2, but dataset 'csv' has 3 classes");
  }

  @Test
  void nan_settings_are_input_errors() throws Exception {
    CliRunner r = run(MOONS.formatted(2).replace("test_samples: 50", "test_samples: 50, noise: .nan, "
        + "validation_split: .nan"));
    refusedWithNothingStored(r, "dataset.noise: was NaN, must be a number in [0, inf)");
    assertTrue(r.err().contains("dataset.validation_split: was NaN, must be a number in [0, 1)"), r.err());
  }

  @Test
  void hostile_yaml_is_an_input_error() throws Exception {
    refusedWithNothingStored(run("description: &d [[*d]]\n"), "is a recursive alias");
    refusedWithNothingStored(run("1: x\n"), "has the key 1, which is a number");
    refusedWithNothingStored(run(MOONS.formatted(2) + "description: !!binary aGVsbG8=\n"), "has the tag !!binary");
    refusedWithNothingStored(run(MOONS.formatted(2).replace("epochs: 1", "epochs: 1, epochs: 2")),
        "training.epochs: repeats the key 'epochs'");
  }

  @Test
  void a_model_too_large_for_the_jvm_is_refused_with_what_it_needs() throws Exception {
    String layers = "{type: dense, units: 46000, activation: relu}, ";
    CliRunner r = run(MOONS.formatted(2).replace("{type: dense, units: 8, activation: relu}, ",
        layers.repeat(3)));
    if (r.exitCode() == 0) {
      return; // a machine with ~100 GiB free trains it; nothing to refuse
    }
    refusedWithNothingStored(r, "the model has 4,232,322,002 parameters and training it needs about");
  }

  @Test
  void early_stopping_without_validation_data_is_refused() throws Exception {
    refusedWithNothingStored(run(MOONS.formatted(2).replace("test_samples: 50", "test_samples: 50, validation_split: 0")
        .replace("epochs: 1", "epochs: 5, early_stopping: {monitor: val_loss}")),
        "training.early_stopping.monitor: was 'val_loss', but dataset.validation_split is 0");
  }
}
