package dev.descent.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final String MLP = """
      - {type: dense, units: 32, activation: tanh}
      - {type: dense, units: 2, activation: softmax}""";

  private static TrainingResult train(Experiment e) {
    DataSplits data = Datasets.load(e.dataset());
    return new Trainer(TestExperiments.PLUGINS).train(e, data, TrainingListener.NONE);
  }

  @Test
  void learns_the_moons_dataset() {
    TrainingResult r = train(TestExperiments.moons(MLP, "{optimizer: {name: adam, learning_rate: 0.01}, batch_size: 32, epochs: 30, seed: 1}"));
    assertEquals(RunStatus.FINISHED, r.status());
    assertEquals(30, r.epochs().size());
    assertTrue(r.test().accuracy() > 0.95, "test accuracy " + r.test().accuracy());
    assertTrue(r.epochs().get(29).trainLoss() < r.epochs().get(0).trainLoss() / 3, r.epochs().toString());
    EpochMetrics last = r.epochs().get(29);
    assertEquals(0.01, last.learningRate());
    assertTrue(last.samplesPerSecond() > 0 && last.epochSeconds() > 0);
    assertTrue(last.valAccuracy() > 0.9, last.toString());
  }

  @Test
  void same_seed_gives_identical_numbers_and_another_seed_does_not() {
    String training = "{optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9}, batch_size: 16, epochs: 3, seed: %d}";
    String model = MLP.replace("units: 32, activation: tanh}", "units: 32, activation: relu}\n- {type: dropout, rate: 0.3}");
    TrainingResult a = train(TestExperiments.moons(model, training.formatted(5)));
    TrainingResult b = train(TestExperiments.moons(model, training.formatted(5)));
    TrainingResult c = train(TestExperiments.moons(model, training.formatted(6)));
    assertEquals(losses(a), losses(b));
    assertEquals(a.test().loss(), b.test().loss());
    assertNotEquals(losses(a), losses(c));
  }

  private static List<Double> losses(TrainingResult r) {
    List<Double> l = new ArrayList<>();
    r.epochs().forEach(e -> {
      l.add(e.trainLoss());
      l.add(e.valLoss());
    });
    return l;
  }

  @Test
  void a_huge_learning_rate_diverges_with_epoch_and_batch() {
    TrainingResult r = train(TestExperiments.moons(MLP.replace("tanh", "relu"),
        "{optimizer: {name: sgd, learning_rate: 1e30}, batch_size: 32, epochs: 5, seed: 1}"));
    assertEquals(RunStatus.DIVERGED, r.status());
    assertNotNull(r.divergence());
    assertEquals(1, r.divergence().epoch());
    assertTrue(r.divergence().batch() >= 2, "the first batch's loss is computed before any update");
    assertTrue(r.divergence().message().contains("learning rate"), r.divergence().message());
    assertNull(r.test());
  }

  @Test
  void early_stopping_stops_after_patience_and_restores_the_best_weights() {
    String early = "{optimizer: {name: adam, learning_rate: 0.01}, batch_size: 32, epochs: 20, seed: 3,"
        + " early_stopping: {monitor: train_accuracy, patience: 2, min_delta: 5.0, restore_best: true}}";
    TrainingResult r = train(TestExperiments.moons(MLP, early));
    assertTrue(r.stoppedEarly());
    assertEquals(3, r.epochs().size(), "epoch 1 is best, two more without improvement");
    assertEquals(1, r.bestEpoch());
    TrainingResult oneEpoch = train(TestExperiments.moons(MLP,
        "{optimizer: {name: adam, learning_rate: 0.01}, batch_size: 32, epochs: 1, seed: 3}"));
    assertEquals(oneEpoch.test().loss(), r.test().loss(), "the test set saw the weights of epoch 1");
  }

  @Test
  void a_single_sigmoid_unit_learns_two_classes_with_binary_cross_entropy() {
    Experiment e = TestExperiments.parse("""
        name: bce
        dataset: {name: xor, samples: 800, test_samples: 200, validation_split: 0.1}
        model:
          layers: [{type: dense, units: 16, activation: tanh}, {type: dense, units: 1, activation: sigmoid}]
          loss: binary_cross_entropy
        training: {optimizer: {name: adam, learning_rate: 0.02}, batch_size: 32, epochs: 40, seed: 2}
        """);
    TrainingResult r = train(e);
    assertTrue(r.test().accuracy() > 0.9, "test accuracy " + r.test().accuracy());
  }

  @Test
  void an_output_layer_that_does_not_fit_the_classes_is_an_input_error() {
    Experiment e = TestExperiments.moons("- {type: dense, units: 3, activation: softmax}",
        "{optimizer: sgd, epochs: 1}");
    ExperimentException ex = assertThrows(ExperimentException.class, () -> train(e));
    assertTrue(ex.getMessage().contains("was 3") && ex.getMessage().contains("needs 2"), ex.getMessage());
  }
}
