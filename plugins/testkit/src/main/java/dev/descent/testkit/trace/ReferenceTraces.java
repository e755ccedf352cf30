package dev.descent.testkit.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.spi.OptimizerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Compares an optimizer plugin with reference points, e.g. from {@code torch.optim}, kept in a JSON
 * file of the plugin's test resources:
 *
 * <pre>
 * {"source": "torch.optim.Adamax, torch 1.13, float64",
 *  "cases": [{"params": {"learning_rate": 0.002}, "function": "rosenbrock",
 *             "start": [-1.5, 2.0], "points": [[-1.5, 2.0], [-1.498, 1.998], ...]}, ...]}
 * </pre>
 *
 * <p>{@code params} use descent's parameter names ({@code {}} for the defaults); {@code function} is
 * a {@link TestFunction} id; {@code points[k]} is the point after k updates, {@code points[0]} the
 * start. Any other field (a {@code source}, a {@code final_loss}) is ignored. The reference side
 * must compute gradients as {@link TestFunction#gradient} does and run in float64; the plugin's
 * guide shows a Python script that writes such a file.
 */
public final class ReferenceTraces {
  private ReferenceTraces() {}

  /** Reads the cases of a reference file. */
  public static List<ReferenceTrace> read(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode cases = root == null ? null : root.get("cases");
    if (cases == null || !cases.isArray() || cases.isEmpty()) {
      throw new IOException("a reference file needs a non-empty \"cases\" array");
    }
    List<ReferenceTrace> out = new ArrayList<>();
    for (JsonNode c : cases) {
      Map<String, Object> params = new LinkedHashMap<>();
      JsonNode ps = c.get("params");
      if (ps != null) {
        ps.properties().forEach(e -> params.put(e.getKey(), value(e.getValue())));
      }
      List<double[]> points = new ArrayList<>();
      c.get("points").forEach(p -> points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
      TestFunction f = TestFunction.byName(c.get("function").asText());
      JsonNode s = c.get("start");
      double[] start = s == null ? points.get(0) : new double[] {s.get(0).asDouble(), s.get(1).asDouble()};
      out.add(new ReferenceTrace(params, f, start, points));
    }
    return out;
  }

  /** Reads the reference file at class-path resource {@code resource}, e.g. {@code /reference/adamax.json}. */
  public static List<ReferenceTrace> read(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName()
            + " (put it under src/test/resources" + (resource.startsWith("/") ? "" : "/<package>/") + resource + ")");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * One JUnit test per case of the file at {@code resource} (found next to the provider's class):
   * the provider's trajectory must match every reference point within a relative error of
   * {@code tolerance}. Use it from a {@code @TestFactory}:
   *
   * <pre>{@code
   * @TestFactory
   * Stream<DynamicTest> matches_the_reference_points() {
   *   return ReferenceTraces.tests(new AdamaxProvider(), "/reference/adamax.json", 1e-9);
   * }
   * }</pre>
   */
  public static Stream<DynamicTest> tests(OptimizerProvider provider, String resource, double tolerance) {
    return read(provider.getClass(), resource).stream()
        .map(t -> DynamicTest.dynamicTest(t.label(), () -> t.check(provider, tolerance)));
  }

  private static Object value(JsonNode v) {
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    return v.asText();
  }
}
