package dev.descent.core.lrfind;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The acceptance of issue 16: on the committed Fashion-MNIST MLP (experiments/fashion-mnist-mlp.yaml, adam), the
 * range test suggests a learning rate in [3e-4, 3e-3]. Needs Debian's dataset-fashion-mnist; skipped without it
 * except under CI=true.
 */
class LrFinderFashionTest {

  @Test
  void suggests_a_learning_rate_between_3e_4_and_3e_3_for_the_committed_fashion_mlp_with_adam() {
    boolean present = Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
    assumeTrue(present || "true".equals(System.getenv("CI")),
        "Fashion-MNIST not installed: apt-get install dataset-fashion-mnist");
    Path file = Path.of("../experiments/fashion-mnist-mlp.yaml");
    Experiment e = new ExperimentParser(TestExperiments.PLUGINS).parse(file);
    assertTrue(e.training().optimizer().name().equals("adam"), "the committed file trains with adam");
    LrFindResult r = new LrFinder(TestExperiments.PLUGINS).run(e, Datasets.load(e.dataset()).train(),
        LrRange.DEFAULT_STEPS, p -> { });
    assertNotNull(r.suggestion(), "stopped after " + r.points().size() + " points: " + r.stopped());
    for (LrPoint p : r.points()) {
      System.out.printf("%3d  %.3e  %.4f  %.4f%n", p.step(), p.lr(), p.loss(), p.smoothed());
    }
    double lr = r.suggestion().lr();
    System.out.printf("suggested %.3e (%s); %d points, stopped: %s; %.1f s%n", lr, r.suggestion().rule(),
        r.points().size(), r.stopped(), r.seconds());
    assertTrue(lr >= 3e-4 && lr <= 3e-3, "suggested " + lr);
    // Whether the run stops by the 4 × minimum rule before lr 10 depends on how the network dies at high rates
    // (float32 Adam lets it settle at the uniform loss ln 10 instead of blowing up), so it is not asserted here;
    // LrFinderTest checks the stop rule on a problem that does diverge.
  }
}
