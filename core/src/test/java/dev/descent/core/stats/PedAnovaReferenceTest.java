package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PED-ANOVA against an independent numpy/scipy implementation of the paper's formula
 * ({@code stats/importance/make_reference.py}; Optuna 3.1 has no PedAnovaImportanceEvaluator), on 60 trials with a
 * log-uniform learning rate, two categoricals, a uniform and a conditional parameter.
 */
class PedAnovaReferenceTest {
  private static final List<String> PARAMS = List.of("learning_rate", "optimizer", "batch_size", "dropout", "momentum");

  @Test
  void matches_the_numpy_reference_within_1e_9() throws IOException {
    List<Trial> trials = new ArrayList<>();
    List<String[]> rows = csv("trials.csv");
    for (String[] r : rows.subList(1, rows.size())) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("learning_rate", Double.parseDouble(r[0]));
      params.put("optimizer", r[1]);
      params.put("batch_size", Long.parseLong(r[2]));
      params.put("dropout", Double.parseDouble(r[3]));
      if (!r[4].isEmpty()) {
        params.put("momentum", Double.parseDouble(r[4]));
      }
      trials.add(new Trial(params, Double.parseDouble(r[5])));
    }
    Importance imp = PedAnova.of(PARAMS, trials, true, PedAnova.GAMMA);
    List<String[]> ref = csv("reference.csv");
    assertEquals(60, imp.trials());
    for (String[] r : ref.subList(1, ref.size())) {
      Importance.Share s = imp.params().stream().filter(x -> x.param().equals(r[0])).findFirst().orElseThrow();
      assertEquals(Double.parseDouble(r[1]), s.divergence(), 1e-9, r[0]);
      assertEquals(Integer.parseInt(r[2]), imp.top());
    }
    assertEquals("learning_rate", imp.params().get(0).param(), "fANOVA (fanova.csv) ranks it first too");
  }

  private static List<String[]> csv(String name) throws IOException {
    try (InputStream in = PedAnovaReferenceTest.class.getResourceAsStream("/stats/importance/" + name)) {
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n"))
          .map(l -> l.split(",", -1)).toList();
    }
  }
}
