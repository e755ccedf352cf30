package dev.descent.builtin.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.builtin.Registered;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParameterState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Replays {@code torch/float32_traces.json} (written by {@code torch/make_float32_traces.py}: torch.optim's
 * optimizers on float32 parameters, whose state torch keeps in float32) through the built-in optimizer of each
 * case's name on a float32 array, given as a view
 * into a larger flat array as the network's parameters are, and requires every element at every step to agree
 * within {@value #TOLERANCE} relative to {@code max(|torch|, 1e-3)}.
 */
class Float32MatchesTorchTest {
  static final double TOLERANCE = 1e-6;
  private static final double FLOOR = 1e-3;

  @TestFactory
  Stream<DynamicTest> every_optimizer_on_float32_parameters_follows_torch_step_by_step() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/torch/float32_traces.json")) {
      root = new ObjectMapper().readTree(in);
    }
    float[] start = floats(root.get("start"));
    List<float[]> grads = new ArrayList<>();
    root.get("gradients").forEach(g -> grads.add(floats(g)));
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("optimizer").asText() + " " + c.get("params"),
          () -> replay(c, start, grads)));
    }
    assertFalse(tests.isEmpty(), "float32_traces.json has no cases");
    return tests.stream();
  }

  private static void replay(JsonNode c, float[] start, List<float[]> grads) {
    Map<String, Object> params = new LinkedHashMap<>();
    c.get("params").properties().forEach(e -> params.put(e.getKey(),
        e.getValue().isBoolean() ? (Object) e.getValue().asBoolean() : (Object) e.getValue().asDouble()));
    Optimizer opt = Registered.plugin(OptimizerProvider.class, c.get("optimizer").asText()).configure(params);
    int n = start.length;
    INDArray flat = Nd4j.create(DataType.FLOAT, 1, n + 8);
    INDArray p = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 4 + n)).reshape('c', 1, n);
    p.assign(Nd4j.create(start, new long[] {1, n}, 'c'));
    ParameterState state = opt.newState(p);
    JsonNode points = c.get("points");
    for (int k = 0; k < points.size(); k++) {
      state.step(p, Nd4j.create(grads.get(k), new long[] {1, n}, 'c'));
      float[] got = p.toFloatVector();
      float[] want = floats(points.get(k));
      for (int i = 0; i < n; i++) {
        double err = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), FLOOR);
        int step = k + 1;
        int element = i;
        assertEquals(0, err, TOLERANCE, () -> c.get("optimizer").asText() + " " + c.get("params") + " step " + step + " element " + element
            + ": descent " + got[element] + ", torch " + want[element]);
      }
    }
    assertEquals(0f, flat.getFloat(0, 3), "the element before the view was written");
    assertEquals(0f, flat.getFloat(0, 4 + n), "the element after the view was written");
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }
}
