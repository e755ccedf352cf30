package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ANOVA against statsmodels' {@code anova_lm(typ=2)} on the fixtures in {@code stats/anova/}, made by the
 * {@code make_reference.py} beside them: balanced cells, unbalanced cells with a fifth of the runs lost over three
 * axes, and pure noise.
 */
class AnovaReferenceTest {
  private static final double TOLERANCE = 1e-8;

  @ParameterizedTest
  @ValueSource(strings = {"balanced", "unbalanced", "weak"})
  void equals_statsmodels_anova_lm_type_2(String fixture) throws IOException {
    List<String[]> data = csv(fixture + ".csv");
    List<String> header = Arrays.asList(data.get(0));
    List<String> factors = header.stream().filter(h -> !h.equals("seed") && !h.equals("y")).toList();
    List<Observation> observations = new ArrayList<>();
    for (String[] row : data.subList(1, data.size())) {
      Map<String, String> levels = new LinkedHashMap<>();
      factors.forEach(f -> levels.put(f, row[header.indexOf(f)]));
      observations.add(new Observation(levels, Double.parseDouble(row[header.indexOf("y")])));
    }
    AnovaTable table = FactorialAnova.of(factors, observations);
    List<String[]> expected = csv(fixture + ".anova.csv");
    List<AnovaRow> rows = table.rows();
    assertEquals(expected.size() - 1, rows.size(), "terms");
    for (int i = 1; i < expected.size(); i++) {
      String[] e = expected.get(i);
      AnovaRow r = rows.get(i - 1);
      assertEquals(e[0], r.term());
      close(fixture + " " + r.term() + " df", e[1], r.df());
      close(fixture + " " + r.term() + " sum_sq", e[2], r.sumSq());
      close(fixture + " " + r.term() + " F", e[3], r.f());
      close(fixture + " " + r.term() + " p", e[4], r.p());
    }
    assertTrue(table.notes().isEmpty(), table.notes().toString());
  }

  /** Within 1e-8, relative to the value when it is larger than 1 (an F of 223 carries 1e-8 of its own). */
  private static void close(String what, String expected, double actual) {
    if (expected.equals("nan")) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, was " + actual);
      return;
    }
    double e = Double.parseDouble(expected);
    assertEquals(e, actual, TOLERANCE * Math.max(1, Math.abs(e)), what);
  }

  static List<String[]> csv(String name) throws IOException {
    try (InputStream in = AnovaReferenceTest.class.getResourceAsStream("/stats/anova/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }
  }
}
