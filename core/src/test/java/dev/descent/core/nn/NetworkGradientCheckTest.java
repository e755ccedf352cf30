package dev.descent.core.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.Experiment;
import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import dev.descent.testkit.GradientChecker;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through a whole 3-layer network against central differences of the loss, in
 * double precision: checks the chain rule across layers, not just each plugin alone.
 */
class NetworkGradientCheckTest {

  @ParameterizedTest(name = "{0} / {1} / {2} / {3}")
  @CsvSource({
      "tanh, sigmoid, softmax, softmax_cross_entropy",
      "elu, tanh, sigmoid, binary_cross_entropy",
      "leaky_relu, sigmoid, identity, mse",
      "tanh, tanh, sigmoid, mse",
  })
  void backprop_matches_central_differences(String a1, String a2, String out, String lossName) {
    int classes = out.equals("softmax") ? 3 : 2;
    Experiment e = TestExperiments.parse("""
        name: gradcheck
        dataset: {name: xor}
        model:
          layers:
            - {type: dense, units: 7, activation: %s}
            - {type: dense, units: 6, activation: %s}
            - {type: dense, units: %d, activation: %s}
          loss: %s
          init: xavier_normal
        training: {optimizer: sgd, epochs: 1, dtype: float64}
        """.formatted(a1, a2, classes, out, lossName));
    Network net = Network.build(e.model(), 5, TestExperiments.PLUGINS, DataType.DOUBLE, 3);
    Random rng = new Random(11);
    INDArray x = Nd4j.create(DataType.DOUBLE, 8, 5);
    INDArray y = Nd4j.create(DataType.DOUBLE, 8, classes);
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 5; j++) {
        x.putScalar(i, j, rng.nextGaussian());
      }
      y.putScalar(i, rng.nextInt(classes), 1.0);
    }
    Loss loss = TestExperiments.PLUGINS.loss(lossName).configure(java.util.Map.of());
    Optional<FusedLoss> fused = loss.fusedWith(out);
    Pass pass = net.pass(8);
    pass.forward(x, null);
    pass.backward(loss, fused, y);
    INDArray analytic = net.flatGradients().dup();
    GradientChecker.Result r = GradientChecker.check(p -> {
      pass.forward(x, null);
      return pass.loss(loss, fused, y);
    }, net.flatParameters(), analytic, 1e-6);
    assertTrue(r.passes(1e-6), r.toString());
  }
}
