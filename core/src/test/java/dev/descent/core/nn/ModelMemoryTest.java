package dev.descent.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.ModelSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The model's memory is worked out from its sizes and checked before Network allocates anything. */
class ModelMemoryTest {

  private static ModelSpec model(String layers) {
    return TestExperiments.moons(layers, "optimizer: sgd\nepochs: 1").model();
  }

  @Test
  void counts_the_parameters_the_network_allocates() {
    ModelSpec model = model("- {type: dense, units: 8, activation: relu}\n- {type: dropout, rate: 0.5}\n"
        + "- {type: dense, units: 2, activation: softmax}");
    Network net = Network.build(model, 2, TestExperiments.PLUGINS, DataType.FLOAT, 1);
    assertEquals(net.parameterCount(), ModelMemory.of(model, 2, 32, DataType.FLOAT, false).parameters());
    assertEquals(2 * 8 + 8 + 8 * 2 + 2, net.parameterCount());
  }

  @Test
  void grows_with_the_data_type_the_batch_and_a_kept_best_copy() {
    ModelSpec model = model("- {type: dense, units: 64, activation: relu}\n- {type: dense, units: 2, activation: softmax}");
    ModelMemory small = ModelMemory.of(model, 100, 32, DataType.FLOAT, false);
    assertTrue(ModelMemory.of(model, 100, 32, DataType.DOUBLE, false).offHeapBytes() > small.offHeapBytes());
    assertTrue(ModelMemory.of(model, 100, 4096, DataType.FLOAT, false).offHeapBytes() > small.offHeapBytes());
    assertTrue(ModelMemory.of(model, 100, 32, DataType.FLOAT, true).offHeapBytes() > small.offHeapBytes());
    assertTrue(small.offHeapBytes() >= small.parameters() * 4.0 * 4, "weights, gradients and two optimizer buffers");
  }

  @Test
  void says_how_much_the_model_needs_and_how_much_there_is() {
    ModelSpec model = model("- {type: dense, units: 50000, activation: relu}\n"
        + "- {type: dense, units: 40000, activation: relu}\n- {type: dense, units: 2, activation: softmax}");
    ModelMemory m = ModelMemory.of(model, 784, 32, DataType.FLOAT, false);
    assertEquals(784L * 50000 + 50000 + 50000L * 40000 + 40000 + 40000L * 2 + 2, m.parameters());
    assertNull(m.problem(Double.MAX_VALUE, Double.MAX_VALUE));
    String problem = m.problem(2.0 * (1L << 30), 1L << 30);
    assertTrue(problem.startsWith("the model has 2,039,370,002 parameters and training it needs about 62.4 GiB of native memory"), problem);
    assertTrue(problem.contains("GiB of native memory"), problem);
    assertTrue(problem.contains("but this JVM may use 2.0 GiB native and 1.0 GiB heap"), problem);
    assertTrue(m.problem(Double.MAX_VALUE, 1000) != null, "the heap alone can be too small");
  }

  @Test
  void network_refuses_a_model_too_large_for_this_jvm_before_allocating() {
    ModelSpec model = model("- {type: dense, units: 46000, activation: relu}\n"
        + "- {type: dense, units: 46000, activation: relu}\n- {type: dense, units: 46000, activation: relu}\n"
        + "- {type: dense, units: 2, activation: softmax}");
    ModelMemory m = ModelMemory.of(model, 2, 0, DataType.FLOAT, false);
    assumeTrue(m.offHeapBytes() > ModelMemory.offHeapFree() || m.heapBytes() > ModelMemory.heapFree(),
        "this machine has room for " + m.offHeapBytes() + " bytes");
    DescentException e = assertThrows(DescentException.class,
        () -> Network.build(model, 2, TestExperiments.PLUGINS, DataType.FLOAT, 1));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().startsWith("model: the model has 4,232,322,002 parameters"), e.getMessage());
  }

  @Test
  void formats_sizes_in_binary_units() {
    assertEquals("512 bytes", ModelMemory.bytes(512));
    assertEquals("1.5 KiB", ModelMemory.bytes(1536));
    assertEquals("2.0 TiB", ModelMemory.bytes(2.0 * (1L << 40)));
  }
}
