package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.Json;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/sweeps/{id}/analysis} over a real server and store, without a browser. */
class SweepAnalysisApiTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void gives_the_anova_and_verdicts_for_a_sweep_and_for_compared_groups_and_404_for_an_unknown_sweep() throws Exception {
    try (Workspace ws = TestRuns.open(dir)) {
      Instant t = Instant.parse("2026-11-30T10:00:00Z");
      ws.store().recordSweep(new SweepInfo("grid01", "grid", "val_accuracy", "max",
          List.of("optimizer", "learning_rate"), t));
      double[] noise = {-0.004, 0.0, 0.005};
      int i = 0;
      for (String opt : List.of("adam", "sgd")) {
        for (double lr : List.of(0.001, 0.1)) {
          for (double n : noise) {
            String id = "cell" + i++;
            ws.store().create(new NewRun(id, "grid", "grid01", Map.of(), Map.of("optimizer", opt, "learning_rate", lr,
                "seed", (long) i), Map.of(), Set.of(), t));
            double acc = 0.8 + (lr == 0.1 ? -0.2 : 0) + (opt.equals("adam") ? 0.01 : 0) + n;
            ws.store().logMetrics(id, List.of(new MetricPoint("val_accuracy", 1, acc)), t);
            ws.store().finish(id, RunStatus.FINISHED, Map.of(), null, null, t);
          }
        }
      }
      ws.sync();
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url()
            + "/api/sweeps/grid01/analysis")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> body = Json.mapper().readValue(r.body(), Map.class);
        List<Map<String, Object>> anova = (List<Map<String, Object>>) body.get("anova");
        assertEquals(List.of("optimizer", "learning_rate", "optimizer:learning_rate", "Residual"),
            anova.stream().map(a -> a.get("term")).toList());
        assertTrue(((Number) anova.get(1).get("p")).doubleValue() < 1e-6, anova.get(1).toString());
        assertEquals(8.0, ((Number) anova.get(3).get("df")).doubleValue(), "12 runs - 4 cells");
        List<Map<String, Object>> comparisons = (List<Map<String, Object>>) body.get("comparisons");
        assertEquals(3, comparisons.size());
        assertEquals("adam lr=0.001", comparisons.get(0).get("best"));
        assertEquals("sgd lr=0.001", comparisons.get(0).get("other"));
        assertTrue(((List<String>) body.get("lines")).get(0).startsWith("learning_rate explains "), body.toString());

        String ids = String.join(",", java.util.stream.IntStream.range(0, 12).mapToObj(k -> "cell" + k).toList());
        HttpResponse<String> grouped = http.send(HttpRequest.newBuilder(URI.create(server.url()
            + "/api/compare/analysis?ids=" + ids + "&group=optimizer&objective=val_accuracy")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, grouped.statusCode(), grouped.body());
        Map<String, Object> groups = Json.mapper().readValue(grouped.body(), Map.class);
        assertEquals(List.of("optimizer", "Residual"), ((List<Map<String, Object>>) groups.get("anova")).stream()
            .map(a -> a.get("term")).toList());
        List<Map<String, Object>> verdicts = (List<Map<String, Object>>) groups.get("comparisons");
        assertEquals(1, verdicts.size(), "two groups: the best against the other");
        assertEquals(List.of("adam", "sgd", 6, 6), List.of(verdicts.get(0).get("best"), verdicts.get(0).get("other"),
            verdicts.get(0).get("best_seeds"), verdicts.get(0).get("other_seeds")));
        assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/compare/analysis?ids="
            + ids)).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no group named");

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(server.url()
            + "/api/sweeps/nope/analysis")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("No sweep 'nope'"), missing.body());
      }
    }
  }
}
