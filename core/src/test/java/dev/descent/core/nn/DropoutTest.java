package dev.descent.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.Experiment;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {
  private static final Experiment E = TestExperiments.parse("""
      name: dropout
      dataset: {name: xor}
      model:
        layers: [{type: dropout, rate: 0.25}, {type: dense, units: 1, activation: identity}]
        loss: mse
        init: normal
        init_std: 1.0
      training: {optimizer: sgd, epochs: 1}
      """);

  @Test
  void evaluation_passes_inputs_through_and_training_drops_and_rescales() {
    Network net = Network.build(E.model(), 1000, TestExperiments.PLUGINS, DataType.DOUBLE, 1);
    net.flatParameters().assign(1.0);
    INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 1000);
    Pass pass = net.pass(1);
    double eval1 = pass.forward(x, null).getDouble(0);
    double eval2 = pass.forward(x, null).getDouble(0);
    assertEquals(1001.0, eval1, 1e-9, "sum of 1000 inputs plus the bias, nothing dropped");
    assertEquals(eval1, eval2);
    var rng = Nd4j.getRandomFactory().getNewRandomInstance(9);
    double train1 = pass.forward(x, rng).getDouble(0);
    double train2 = pass.forward(x, rng).getDouble(0);
    assertNotEquals(train1, train2, "a new mask every batch");
    // kept inputs are scaled by 1/0.75, so the sum stays near 1000 in expectation (sd about 18)
    assertTrue(Math.abs(train1 - 1001) < 120, "train output " + train1);
    double kept = (train1 - 1) * 0.75;
    assertEquals(Math.rint(kept), kept, 1e-6, "each kept input contributes exactly 1/0.75");
  }
}
