package dev.descent.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real data set end to end: a subset of Fashion-MNIST, two epochs of the committed MLP's shape.
 * Needs Debian's dataset-fashion-mnist; skipped without it except under CI=true, where it must run.
 */
class FashionMnistTrainingTest {

  @Test
  void an_mlp_learns_a_subset_of_fashion_mnist_well_above_chance() {
    boolean present = Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
    assumeTrue(present || "true".equals(System.getenv("CI")),
        "Fashion-MNIST not installed: apt-get install dataset-fashion-mnist");
    Experiment e = TestExperiments.parse("""
        name: fashion-subset
        dataset: {name: fashion-mnist, validation_split: 0.1, limit: 6000, test_limit: 2000}
        model:
          layers:
            - {type: dense, units: 256, activation: relu}
            - {type: dropout, rate: 0.2}
            - {type: dense, units: 128, activation: relu}
            - {type: dense, units: 10, activation: softmax}
          loss: softmax_cross_entropy
          init: he_normal
        training: {optimizer: {name: adam, learning_rate: 0.001}, batch_size: 128, epochs: 2, seed: 42}
        """);
    TrainingResult r = new Trainer(TestExperiments.PLUGINS).train(e, Datasets.load(e.dataset()), TrainingListener.NONE);
    assertEquals(RunStatus.FINISHED, r.status());
    assertEquals(2000, r.test().examples());
    assertTrue(r.test().accuracy() > 0.7, "10 classes, chance is 0.1; got " + r.test().accuracy());
  }
}
