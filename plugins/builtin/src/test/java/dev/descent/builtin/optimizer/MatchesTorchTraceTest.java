package dev.descent.builtin.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.builtin.Registered;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.trace.OptimizerTrace;
import dev.descent.testkit.trace.TestFunction;
import dev.descent.testkit.trace.TracePoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every trajectory of {@code torch/traces.json} (written by {@code torch/make_traces.py}
 * with torch.optim in float64) through {@link OptimizerTrace} and the ServiceLoader-discovered
 * optimizer, and requires every coordinate at every step to agree within a relative error of
 * {@value #TOLERANCE}, where the relative error is {@code |descent - torch| / max(|torch|, 1e-12)}.
 */
class MatchesTorchTraceTest {
  static final double TOLERANCE = 1e-9;
  private static final double FLOOR = 1e-12;
  private static double worst;
  private static String worstCase = "none";

  @TestFactory
  Stream<DynamicTest> every_reference_trajectory_matches_torch() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/torch/traces.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String name = c.get("optimizer").asText() + " " + c.get("params") + " on " + c.get("function").asText();
      tests.add(DynamicTest.dynamicTest(name, () -> replay(c, name)));
    }
    assertFalse(tests.isEmpty(), "traces.json has no cases");
    return tests.stream();
  }

  private static void replay(JsonNode c, String name) {
    Map<String, Object> params = new LinkedHashMap<>();
    c.get("params").properties().forEach(e -> params.put(e.getKey(),
        e.getValue().isBoolean() ? (Object) e.getValue().asBoolean() : (Object) e.getValue().asDouble()));
    Optimizer opt = Registered.plugin(OptimizerProvider.class, c.get("optimizer").asText()).configure(params);
    JsonNode ref = c.get("points");
    double[] start = {c.get("start").get(0).asDouble(), c.get("start").get(1).asDouble()};
    List<TracePoint> trace = OptimizerTrace.run(opt, TestFunction.byName(c.get("function").asText()), start, ref.size() - 1);
    for (int k = 0; k < ref.size(); k++) {
      double[] x = trace.get(k).x();
      for (int j = 0; j < 2; j++) {
        double r = ref.get(k).get(j).asDouble();
        double err = Math.abs(x[j] - r) / Math.max(Math.abs(r), FLOOR);
        record(err, name + " step " + k + " coordinate " + j + ": descent " + x[j] + ", torch " + r);
        int step = k;
        int coord = j;
        assertEquals(0, err, TOLERANCE, () -> name + ": step " + step + " coordinate " + coord + ": descent "
            + x[coord] + ", torch " + r);
      }
    }
  }

  private static synchronized void record(double err, String where) {
    if (err > worst) {
      worst = err;
      worstCase = where;
    }
  }

  @AfterAll
  static void report() {
    System.out.println("Largest relative deviation from torch: " + worst + " (" + worstCase + ")");
  }
}
