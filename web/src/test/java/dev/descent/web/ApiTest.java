package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.Json;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.tracking.Workspace;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API against a real server on 127.0.0.1 and a real SQLite store, through java.net.http. */
class ApiTest {
  @TempDir
  Path dir;

  Workspace ws;
  WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    ws = TestRuns.open(dir);
    TestRuns.fill(ws.store());
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
  }

  @AfterEach
  void stop() {
    server.close();
    ws.close();
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readValue(r.body(), Map.class);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> runs(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("runs");
  }

  @Test
  void runs_page_has_total_and_summaries_newest_first() throws Exception {
    HttpResponse<String> r = get("/api/runs?limit=3");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    Map<String, Object> page = json(r);
    assertEquals(7, ((Number) page.get("total")).intValue());
    assertEquals(3, runs(page).size());
    assertEquals(TestRuns.XSS_RUN, runs(page).get(0).get("id"));
    assertTrue(runs(page).get(0).containsKey("params"));
    assertFalse(runs(page).get(0).containsKey("config"), "summaries leave the config out");
  }

  @Test
  void runs_search_sorts_and_pages() throws Exception {
    Map<String, Object> page = json(get("/api/runs?q=" + enc("optimizer:adam") + "&sort=" + enc("learning_rate:desc")
        + "&offset=1&limit=1"));
    assertEquals(3, ((Number) page.get("total")).intValue());
    assertEquals("cell-adam-0.01", runs(page).get(0).get("id"));
  }

  @Test
  void runs_search_takes_the_curve_fields_of_the_history() throws Exception {
    // adam's val_accuracy at epoch e is acc - 0.1/e (TestRuns): 0.70 at epoch 1 for lr 0.01, at epoch 2 for the others
    Map<String, Object> page = json(get("/api/runs?q=" + enc("optimizer:adam AND val_accuracy.epochs_to(0.69)<=2")
        + "&sort=" + enc("val_accuracy.epochs_to(0.69):asc")));
    assertEquals(List.of("cell-adam-0.01", "cell-adam-0.1", "cell-adam-0.001"),
        runs(page).stream().map(r -> r.get("id")).toList(), "a tie at epoch 2 goes to the newer run");
    assertEquals(400, get("/api/runs?q=" + enc("val_accuracy.epochs_to(x)<=2")).statusCode());
  }

  @Test
  void bad_query_is_400_with_its_column() throws Exception {
    HttpResponse<String> r = get("/api/runs?q=" + enc("optimizer:(adam"));
    assertEquals(400, r.statusCode());
    Map<String, Object> body = json(r);
    assertEquals("INVALID_INPUT", body.get("error_code"));
    assertTrue(((String) body.get("message")).contains("column"), body.toString());
  }

  @Test
  void bad_sort_and_page_are_400() throws Exception {
    assertEquals(400, get("/api/runs?sort=" + enc("nonsense:up")).statusCode());
    assertEquals(400, get("/api/runs?limit=0").statusCode());
    assertEquals(400, get("/api/runs?offset=abc").statusCode());
  }

  @Test
  void run_has_config_provenance_and_history() throws Exception {
    Map<String, Object> run = json(get("/api/runs/cell-adam-0.001"));
    assertEquals("finished", run.get("status"));
    assertTrue(run.containsKey("config"));
    assertTrue(run.containsKey("provenance"));
    Map<?, ?> history = (Map<?, ?>) run.get("history");
    assertEquals(List.of(1, 1.0), ((List<?>) history.get("train_loss")).get(0));
  }

  @Test
  void nan_points_of_a_diverged_run_are_null() throws Exception {
    Map<String, Object> m = json(get("/api/runs/cell-sgd-0.1/metrics?keys=train_loss"));
    assertEquals(java.util.Arrays.asList(3, null), ((List<?>) m.get("train_loss")).get(2));
    Map<?, ?> history = (Map<?, ?>) json(get("/api/runs/cell-sgd-0.1")).get("history");
    assertEquals(java.util.Arrays.asList(3, null), ((List<?>) history.get("train_loss")).get(2));
  }

  @Test
  void unknown_run_is_404_with_error_body() throws Exception {
    HttpResponse<String> r = get("/api/runs/nope");
    assertEquals(404, r.statusCode());
    assertEquals("NOT_FOUND", json(r).get("error_code"));
    assertEquals(404, get("/api/runs/nope/metrics").statusCode());
  }

  @Test
  void metrics_returns_only_the_asked_keys() throws Exception {
    Map<String, Object> m = json(get("/api/runs/cell-sgd-0.001/metrics?keys=val_accuracy,train_loss"));
    assertEquals(List.of("train_loss", "val_accuracy"), m.keySet().stream().sorted().toList());
    assertEquals(3, ((List<?>) m.get("val_accuracy")).size());
  }

  @Test
  void tags_are_added_and_removed_and_searchable() throws Exception {
    HttpResponse<String> r = send("POST", "/api/runs/cell-adam-0.01/tags", "{\"tag\": \"keeper\"}",
        "Content-Type", "application/json");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals(List.of("keeper"), json(r).get("tags"));
    assertEquals(1, ((Number) json(get("/api/runs?q=tag:keeper")).get("total")).intValue());
    r = send("DELETE", "/api/runs/cell-adam-0.01/tags/keeper", null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(List.of(), json(r).get("tags"));
    assertEquals(404, send("DELETE", "/api/runs/cell-adam-0.01/tags/keeper", null).statusCode());
  }

  @Test
  void invalid_tag_and_body_are_400() throws Exception {
    assertEquals(400, send("POST", "/api/runs/cell-adam-0.01/tags", "{\"tag\": \"two words\"}",
        "Content-Type", "application/json").statusCode());
    assertEquals(400, send("POST", "/api/runs/cell-adam-0.01/tags", "not json",
        "Content-Type", "application/json").statusCode());
    assertEquals(404, send("POST", "/api/runs/nope/tags", "{\"tag\": \"x\"}",
        "Content-Type", "application/json").statusCode());
  }

  @Test
  void note_is_set() throws Exception {
    HttpResponse<String> r = send("PUT", "/api/runs/cell-adam-0.01/note", "{\"note\": \"best so far\"}",
        "Content-Type", "application/json");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("best so far", json(get("/api/runs/cell-adam-0.01")).get("note"));
  }

  @Test
  void writes_without_json_content_type_are_refused() throws Exception {
    HttpResponse<String> r = send("PUT", "/api/runs/cell-adam-0.01/note", "{\"note\": \"csrf\"}",
        "Content-Type", "text/plain");
    assertEquals(415, r.statusCode());
    assertNull(json(get("/api/runs/cell-adam-0.01")).get("note"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void sweeps_list_and_detail_with_objective_per_cell() throws Exception {
    List<Map<String, Object>> sweeps = Json.mapper().readValue(get("/api/sweeps").body(), List.class);
    assertEquals(1, sweeps.size());
    assertEquals(TestRuns.SWEEP, sweeps.get(0).get("id"));
    assertEquals(Map.of("diverged", 1, "finished", 5), sweeps.get(0).get("counts"));
    Map<String, Object> sweep = json(get("/api/sweeps/" + TestRuns.SWEEP));
    assertEquals(Map.of("metric", "val_accuracy", "mode", "max"), sweep.get("objective"));
    List<Map<String, Object>> cells = runs(sweep);
    assertEquals(6, cells.size());
    Map<String, Object> adam = cells.get(1);
    assertEquals("cell-adam-0.01", adam.get("id"));
    assertEquals("adam", ((Map<?, ?>) adam.get("params")).get("optimizer"));
    assertEquals(0.8 - 0.1 / 3, ((Number) adam.get("objective")).doubleValue(), 1e-9);
    assertEquals(404, get("/api/sweeps/nope").statusCode());
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_sweep_comes_with_its_optimizer_by_learning_rate_table() throws Exception {
    TestRuns.fillSeeded(ws.store());
    ws.sync();
    Map<String, Object> table = (Map<String, Object>) json(get("/api/sweeps/" + TestRuns.SEEDED_SWEEP)).get("table");
    assertEquals(List.of("adagrad"), table.get("optimizers"));
    assertEquals(List.of(0.01), table.get("learning_rates"));
    Map<String, Object> cell = ((List<Map<String, Object>>) table.get("cells")).get(0);
    assertEquals(0.96, ((Number) cell.get("mean")).doubleValue(), 1e-9, "batch 128's mean over its two seeds");
    assertEquals(0.02 / Math.sqrt(2), ((Number) cell.get("std")).doubleValue(), 1e-9);
    assertEquals(List.of("seeded-b128-s1", "seeded-b128-s2"), cell.get("runs"));
    assertEquals(2, cell.get("settings"));

    Map<String, Object> fashion = (Map<String, Object>) json(get("/api/sweeps/" + TestRuns.SWEEP)).get("table");
    Map<String, Object> divergedCell = ((List<Map<String, Object>>) fashion.get("cells")).stream()
        .filter(c -> c.get("optimizer").equals("sgd") && c.get("learning_rate").equals(0.1)).findFirst().orElseThrow();
    assertNull(divergedCell.get("mean"));
    assertEquals(1, divergedCell.get("diverged"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void compare_reads_named_runs_with_their_curves_and_lists_missing_ones() throws Exception {
    HttpResponse<String> r = get("/api/compare?ids=cell-sgd-0.1,gone,cell-adam-0.001&keys=train_loss");
    assertEquals(200, r.statusCode());
    Map<String, Object> body = json(r);
    assertEquals(List.of("cell-sgd-0.1", "cell-adam-0.001"), runs(body).stream().map(m -> m.get("id")).toList());
    assertEquals(List.of("gone"), body.get("missing"));
    Map<String, Object> sgd = runs(body).get(0);
    assertEquals("diverged", sgd.get("status"));
    assertEquals(Map.of("optimizer", "sgd", "learning_rate", 0.1, "seed", 1), sgd.get("params"));
    Map<String, List<List<Object>>> history = (Map<String, List<List<Object>>>) sgd.get("history");
    assertEquals(Set.of("train_loss"), history.keySet());
    assertEquals(Arrays.asList(3, null), history.get("train_loss").get(2), "NaN of the diverged epoch is null");
    assertTrue(r.headers().firstValue("Server-Timing").orElse("").matches("app;dur=[0-9.]+"));
  }

  @Test
  void compare_finds_runs_by_query_and_refuses_too_many_or_none() throws Exception {
    Map<String, Object> body = json(get("/api/compare?q=" + enc("optimizer:adam") + "&sort=learning_rate:asc"));
    assertEquals(3, ((Number) body.get("total")).intValue());
    assertEquals(List.of("cell-adam-0.001", "cell-adam-0.01", "cell-adam-0.1"),
        runs(body).stream().map(m -> m.get("id")).toList());
    assertEquals(7, runs(json(get("/api/compare?q=&limit=100"))).size(), "an empty query is every run");
    HttpResponse<String> tooMany = get("/api/compare?ids=a,b,c&limit=2");
    assertEquals(400, tooMany.statusCode());
    assertTrue(json(tooMany).get("message").toString().contains("at most 2"));
    assertEquals(400, get("/api/compare?limit=101&q=").statusCode());
    HttpResponse<String> none = get("/api/compare");
    assertEquals(400, none.statusCode());
    assertEquals("INVALID_INPUT", json(none).get("error_code"));
    assertEquals(400, get("/api/compare?q=" + enc("learning_rate:>")).statusCode());
  }

  @Test
  @SuppressWarnings("unchecked")
  void compare_groups_runs_by_a_param_with_mean_and_std_per_epoch() throws Exception {
    Map<String, Object> body = json(get("/api/compare?q=" + enc("sweep:" + TestRuns.SWEEP)
        + "&sort=start_time:asc&group=optimizer"));
    List<Map<String, Object>> groups = (List<Map<String, Object>>) body.get("groups");
    assertEquals(List.of(Map.of("optimizer", "adam"), Map.of("optimizer", "sgd")),
        groups.stream().map(g -> g.get("params")).toList());
    assertEquals(List.of("cell-adam-0.001", "cell-adam-0.01", "cell-adam-0.1"), groups.get(0).get("runs"));
    // adam's val_accuracy at epoch 1 is 0.65, 0.70, 0.65 (TestRuns): mean 2/3, sample std 0.05/sqrt(3)
    List<Object> first = ((Map<String, List<List<Object>>>) groups.get(0).get("history")).get("val_accuracy").get(0);
    assertEquals(1, first.get(0));
    assertEquals(2.0 / 3, ((Number) first.get(1)).doubleValue(), 1e-9);
    assertEquals(0.05 / Math.sqrt(3), ((Number) first.get(2)).doubleValue(), 1e-9);
    assertEquals(3, first.get(3));
    // sgd at lr 0.1 diverged at epoch 3: the other two runs make that epoch's mean
    List<Object> third = ((Map<String, List<List<Object>>>) groups.get(1).get("history")).get("train_loss").get(2);
    assertEquals(Arrays.asList(3, 1.0 / 3, 0.0, 2), third);

    // objectives: each metric's direction, each run's best value (finished runs only), each group's mean ± std
    assertEquals("max", ((Map<String, Object>) body.get("objectives")).get("val_accuracy"));
    assertEquals("min", ((Map<String, Object>) body.get("objectives")).get("val_loss"));
    Map<String, Object> sgdDiverged = runs(body).stream().filter(r -> r.get("id").equals("cell-sgd-0.1")).findFirst()
        .orElseThrow();
    assertNull(((Map<String, Object>) sgdDiverged.get("objectives")).get("val_accuracy"), "a diverged run never ranks");
    List<Object> adamAccuracy = ((Map<String, List<Object>>) groups.get(0).get("objectives")).get("val_accuracy");
    // adam's best val_accuracy per run: 0.75, 0.80, 0.75 less 0.1/3 (TestRuns)
    assertEquals(2.2 / 3, ((Number) adamAccuracy.get(0)).doubleValue(), 1e-9);
    assertEquals(0.05 / Math.sqrt(3), ((Number) adamAccuracy.get(1)).doubleValue(), 1e-9);
    assertEquals(3, adamAccuracy.get(2));
    HttpResponse<String> unknown = get("/api/compare?q=&group=optimiser");
    assertEquals(400, unknown.statusCode());
    assertTrue(json(unknown).get("message").toString().contains("optimiser; their params are"), unknown.body());
  }

  @Test
  void a_run_written_by_another_process_reaches_search_without_any_request_waiting_for_it() throws Exception {
    try (var other = dev.descent.core.store.RunStores.open(dir.toString(), java.time.Clock.systemUTC())) {
      TestRuns.add(other, "late-run", TestRuns.T0.plusSeconds(3600));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long found = 0;
    while (found == 0 && System.nanoTime() < deadline) {
      found = ((Number) json(get("/api/runs?q=" + enc("id:late-run"))).get("total")).longValue();
      Thread.sleep(50);
    }
    assertEquals(1, found, "the index follower caught up with the store within 10 s");
  }

  @Test
  void unknown_api_paths_are_json_404s() throws Exception {
    for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
      HttpResponse<String> r = send(method, "/api/nope", method.equals("GET") || method.equals("DELETE") ? null : "{}",
          "Content-Type", "application/json");
      assertEquals(404, r.statusCode(), method);
      assertEquals("NOT_FOUND", json(r).get("error_code"));
      assertTrue(json(r).get("message").toString().contains(method + " /api/nope"));
    }
    assertEquals("NOT_FOUND", json(get("/api/runs/nope")).get("error_code"), "a known endpoint keeps its own 404");
    assertTrue(json(get("/api/runs/nope")).get("message").toString().contains("nope"));
  }

  @Test
  void a_sweep_with_a_recorded_objective_ranks_its_cells_by_it() throws Exception {
    ws.store().recordSweep(new SweepInfo(TestRuns.SWEEP, "fashion-mlp", "test_accuracy", "max",
        List.of("optimizer", "learning_rate"), TestRuns.T0));
    Map<String, Object> sweep = json(get("/api/sweeps/" + TestRuns.SWEEP));
    assertEquals(Map.of("metric", "test_accuracy", "mode", "max"), sweep.get("objective"));
    assertEquals(List.of("optimizer", "learning_rate"), sweep.get("axes"));
    Map<String, Object> adam = runs(sweep).get(1);
    assertEquals("cell-adam-0.01", adam.get("id"));
    assertEquals(0.8, ((Number) adam.get("objective")).doubleValue(), 1e-9, "the test accuracy, not val's best");
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_search_sweeps_table_bins_learning_rates_by_decade_as_the_cli_does() throws Exception {
    TestRuns.fillSeeded(ws.store());
    ws.sync();
    ws.store().recordSweep(new SweepInfo(TestRuns.SWEEP, "fashion-mlp", "val_accuracy", "max",
        List.of("optimizer", "learning_rate"), TestRuns.T0, "{\"document\": {\"search\": {\"method\": \"random\","
            + " \"trials\": 6}}}"));
    Map<String, Object> sweep = json(get("/api/sweeps/" + TestRuns.SWEEP));
    Map<String, Object> table = (Map<String, Object>) sweep.get("table");
    assertEquals(true, table.get("decades"));
    for (Map<String, Object> run : runs(sweep)) {
      double lr = ((Number) ((Map<String, Object>) run.get("params")).get("learning_rate")).doubleValue();
      double column = ((Number) run.get("table_lr")).doubleValue();
      assertTrue(column <= lr && lr < 10 * column * (1 + 1e-9), lr + " falls in the decade from " + column);
      assertTrue(((List<Number>) table.get("learning_rates")).stream().anyMatch(c -> c.doubleValue() == column));
    }
    assertEquals(Map.of("method", "random", "trials", 6, "pruner", "none"),
        Map.of("method", ((Map<String, Object>) sweep.get("search")).get("method"),
            "trials", ((Map<String, Object>) sweep.get("search")).get("trials"),
            "pruner", ((Map<String, Object>) sweep.get("search")).get("pruner")));
    Map<String, Object> grid = (Map<String, Object>) json(get("/api/sweeps/" + TestRuns.SEEDED_SWEEP)).get("table");
    assertEquals(false, grid.get("decades"), "a grid keeps its own learning rates");
  }

  @Test
  @SuppressWarnings("unchecked")
  void experiments_are_counted() throws Exception {
    List<Map<String, Object>> ex = Json.mapper().readValue(get("/api/experiments").body(), List.class);
    assertEquals(2, ex.size());
    assertEquals(Map.of("name", "fashion-mlp", "runs", 6), ex.get(0));
  }

  @Test
  void api_returns_stored_strings_verbatim_as_json_data() throws Exception {
    HttpResponse<String> r = get("/api/runs/" + TestRuns.XSS_RUN);
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    Map<String, Object> run = json(r);
    assertTrue(((String) run.get("note")).contains(TestRuns.SCRIPT));
    assertTrue(((List<?>) run.get("tags")).contains(TestRuns.SCRIPT));
  }

  @Test
  void pages_are_static_html_with_a_strict_content_security_policy() throws Exception {
    for (String path : List.of("/", "/?q=" + enc(TestRuns.SCRIPT), "/runs/" + TestRuns.XSS_RUN, "/compare?ids=a,b",
        "/sweeps/" + TestRuns.SWEEP)) {
      HttpResponse<String> r = get(path);
      assertEquals(200, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), path);
      assertFalse(r.body().contains("alert"), "no stored or requested data in the HTML: " + path);
    }
  }

  @Test
  void scripts_and_uplot_are_served_from_the_jar() throws Exception {
    assertEquals(200, get("/static/common.js").statusCode());
    assertEquals(200, get("/static/style.css").statusCode());
    HttpResponse<String> uplot = get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
    assertEquals(200, uplot.statusCode());
    assertTrue(uplot.body().contains("uPlot"));
  }

  @Test
  void static_paths_cannot_escape_their_folder() throws Exception {
    for (String path : List.of("/static/..%2fpages%2frun.html", "/static/..%2f..%2fdev/descent/web/WebServer.class",
        "/static/%2e%2e/pages/run.html", "/static/..%5cpages%5crun.html", "/static/%2e%2e%2f%2e%2e%2fMETA-INF/MANIFEST.MF",
        "/webjars/..%2f..%2fdescent-web/pages/run.html", "/static/../pages/run.html")) {
      int status = get(path).statusCode();
      assertTrue(status == 404 || status == 400, path + " gave " + status);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_runs_kept_weights_are_listed_and_downloaded_byte_for_byte() throws Exception {
    TestRuns.add(ws.store(), "kept-weights", TestRuns.T0.plusSeconds(9000));
    ws.artifacts().save("kept-weights", new float[] {1.5f, -2f, 0.25f});
    List<Map<String, Object>> files = Json.mapper().readValue(
        get("/api/runs/kept-weights/artifacts").body(), List.class);
    assertEquals(List.of("weights.f32", "weights.json"), files.stream().map(f -> f.get("name")).toList());
    assertEquals(12, files.get(0).get("bytes"));
    HttpResponse<byte[]> weights = http.send(HttpRequest.newBuilder(URI.create(server.url()
        + files.get(0).get("url"))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, weights.statusCode());
    java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(weights.body()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer();
    assertEquals(List.of(1.5f, -2f, 0.25f), List.of(floats.get(0), floats.get(1), floats.get(2)));
    assertTrue(weights.headers().firstValue("Content-Disposition").orElse("").contains("weights.f32"));
    assertEquals(3, json(get("/api/runs/kept-weights/artifacts/weights.json")).get("count"));
    assertEquals(List.of(), Json.mapper().readValue(get("/api/runs/cell-sgd-0.1/artifacts").body(), List.class),
        "a diverged run kept none");
    HttpResponse<String> missing = get("/api/runs/kept-weights/artifacts/model.bin");
    assertEquals(404, missing.statusCode());
    assertTrue(json(missing).get("message").toString().contains("weights.f32, weights.json"), missing.body());
  }

  @Test
  void artifact_paths_cannot_escape_the_runs_folder() throws Exception {
    TestRuns.add(ws.store(), "kept-weights", TestRuns.T0.plusSeconds(9000));
    ws.artifacts().save("kept-weights", new float[] {1f});
    java.nio.file.Files.writeString(dir.resolve("secret.txt"), "top secret");
    java.nio.file.Files.writeString(dir.resolve("artifacts").resolve("secret.txt"), "top secret");
    for (String path : List.of("/api/runs/kept-weights/artifacts/..%2f..%2fsecret.txt",
        "/api/runs/kept-weights/artifacts/..%2fsecret.txt", "/api/runs/kept-weights/artifacts/%2e%2e%2fsecret.txt",
        "/api/runs/kept-weights/artifacts/..%5c..%5csecret.txt", "/api/runs/..%2fartifacts/artifacts/secret.txt",
        "/api/runs/kept-weights/artifacts/../../secret.txt", "/api/runs/kept-weights/artifacts/%2e%2e",
        "/api/runs/kept-weights/artifacts/..%2f..%2fruns.db", "/api/runs/kept-weights/artifacts/secret.txt")) {
      HttpResponse<String> r = get(path);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " gave " + r.statusCode());
      assertFalse(r.body().contains("top secret") || r.body().contains("SQLite"), path);
    }
  }
}
