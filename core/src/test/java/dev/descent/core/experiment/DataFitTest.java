package dev.descent.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.data.Datasets;
import dev.descent.spi.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that need the data: the output layer against the classes or targets, found before a run exists. */
class DataFitTest {

  private static List<Problem> problems(String yaml) {
    Experiment e = TestExperiments.parse(yaml);
    return DataFit.problems(e, Datasets.load(e.dataset()));
  }

  private static String moons(int outputs, String activation) {
    return """
        name: t
        dataset: {name: moons, samples: 100, test_samples: 20}
        model:
          layers: [{type: dense, units: 4, activation: relu}, {type: dropout, rate: 0.1},
                   {type: dense, units: %d, activation: %s}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: 1}
        """.formatted(outputs, activation);
  }

  @Test
  void refuses_an_output_layer_that_does_not_match_the_classes() {
    assertEquals(List.of(new Problem("model.layers[2].units", "was 3, but dataset 'moons' has 2 classes: the output "
        + "layer needs 2 units (one per class) or 1 (a sigmoid unit)")), problems(moons(3, "softmax")));
  }

  @Test
  void accepts_one_unit_per_class_or_one_sigmoid_unit_for_two_classes() {
    assertEquals(List.of(), problems(moons(2, "softmax")));
    assertEquals(List.of(), problems(moons(1, "sigmoid").replace("softmax_cross_entropy", "binary_cross_entropy")));
  }

  @Test
  void counts_the_classes_of_a_csv_file_only_known_once_it_is_read(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("x,y,label\n");
    for (int i = 0; i < 60; i++) {
      csv.append(i).append(',').append(i % 7).append(',').append(List.of("a", "b", "c").get(i % 3)).append('\n');
    }
    Path file = Files.writeString(dir.resolve("three.csv"), csv);
    List<Problem> p = problems(moons(2, "softmax").replace("{name: moons, samples: 100, test_samples: 20}",
        "{name: csv, path: '" + file + "'}"));
    assertEquals(List.of(new Problem("model.layers[2].units", "was 2, but dataset 'csv' has 3 classes: the output "
        + "layer needs 3 units (one per class)")), p);
  }

  @Test
  void a_regression_needs_one_unit_per_target(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("x,label\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i * 0.5).append('\n');
    }
    Path file = Files.writeString(dir.resolve("reg.csv"), csv);
    List<Problem> p = problems(moons(2, "identity").replace("softmax_cross_entropy", "mse")
        .replace("{name: moons, samples: 100, test_samples: 20}", "{name: csv, task: regression, path: '" + file + "'}"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).message().startsWith("was 2, but dataset 'csv' is a regression with 1 target column"), p.toString());
  }

  @Test
  void early_stopping_on_a_validation_split_that_holds_no_examples_is_refused() {
    List<Problem> p = problems(moons(2, "softmax").replace("samples: 100,", "samples: 5, validation_split: 0.01,")
        .replace("epochs: 1", "epochs: 3, early_stopping: {monitor: val_accuracy}"));
    assertEquals(1, p.size(), p.toString());
    assertEquals("training.early_stopping.monitor", p.get(0).path());
    assertTrue(p.get(0).message().contains("holds no examples"), p.toString());
  }

  @Test
  void cells_training_at_once_share_the_free_memory() {
    Experiment e = TestExperiments.parse(moons(2, "softmax").replace("units: 4", "units: 2000"));
    var data = Datasets.load(e.dataset());
    double need = dev.descent.core.nn.ModelMemory.of(e.model(), 2, 32, org.nd4j.linalg.api.buffer.DataType.FLOAT,
        false).offHeapBytes();
    assertEquals(List.of(), DataFit.problems(e, data, 1, 1.5 * need, Double.MAX_VALUE));
    List<Problem> two = DataFit.problems(e, data, 2, 1.5 * need, Double.MAX_VALUE);
    assertEquals(1, two.size(), two.toString());
    assertEquals("model.layers", two.get(0).path());
    assertTrue(two.get(0).message().endsWith("(dataset 'moons' has 2 features; 2 cells train at once, each with its "
        + "share of the memory: fewer --workers leave each more)"), two.toString());
  }
}
