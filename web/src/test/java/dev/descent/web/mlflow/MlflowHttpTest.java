package dev.descent.web.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import dev.descent.web.WebServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow API at the HTTP level, with the request shapes the Python client sends: int64 fields as JSON numbers,
 * log-batch chunks of 1,000 metrics, NaN and infinities as strings, GETs with query strings, and the Bearer token.
 */
class MlflowHttpTest {
  static final String API = "/api/2.0/mlflow/";

  @TempDir
  Path dir;

  Workspace ws;
  WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String token;

  @BeforeEach
  void start() {
    ws = Workspace.open(dir.toString(), null, Clock.systemUTC());
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
  }

  @AfterEach
  void stop() {
    server.close();
    ws.close();
  }

  HttpResponse<String> post(String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + API + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + API + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  String createRun() throws Exception {
    HttpResponse<String> r = post("runs/create", Map.of("experiment_id", "0", "start_time", 1_700_000_000_000L,
        "tags", List.of(Map.of("key", "mlflow.user", "value", "ada")), "run_name", "py-run"));
    assertEquals(200, r.statusCode(), r.body());
    return json(r).at("/run/info/run_id").asText();
  }

  @Test
  void python_shapes_int64_as_numbers_come_back_as_numbers() throws Exception {
    HttpResponse<String> r = post("runs/create", Map.of("experiment_id", "0", "start_time", 1_700_000_000_000L,
        "run_name", "py-run", "tags", List.of(Map.of("key", "mlflow.source.name", "value", "train.py"))));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode info = json(r).at("/run/info");
    assertTrue(info.get("start_time").isIntegralNumber(), info.toString());
    assertEquals(1_700_000_000_000L, info.get("start_time").asLong());
    assertEquals("py-run", info.get("run_name").asText());
    assertEquals("RUNNING", info.get("status").asText());
    assertEquals("active", info.get("lifecycle_stage").asText());
    assertEquals("0", info.get("experiment_id").asText());
    String id = info.get("run_id").asText();
    assertEquals(32, id.length());
    assertEquals(id, info.get("run_uuid").asText());
    HttpResponse<String> end = post("runs/update", Map.of("run_id", id, "status", "KILLED", "end_time",
        1_700_000_009_000L));
    assertEquals(200, end.statusCode(), end.body());
    assertEquals(1_700_000_009_000L, json(end).at("/run_info/end_time").asLong());
    assertEquals("KILLED", json(end).at("/run_info/status").asText());
    assertEquals(RunStatus.STOPPED, ws.store().get(id).orElseThrow().status());
  }

  @Test
  void batches_of_a_thousand_metrics_with_non_finite_values_page_back_through_get_history() throws Exception {
    String run = createRun();
    for (int chunk = 0; chunk < 3; chunk++) {
      List<Map<String, Object>> metrics = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int n = chunk * 1000 + i;
        Object value = n == 5 ? "NaN" : n == 6 ? "Infinity" : n == 7 ? "-Infinity" : (Object) (n * 0.5);
        metrics.add(Map.of("key", "loss", "value", value, "timestamp", 1_700_000_000_000L + n, "step", n));
      }
      HttpResponse<String> r = post("runs/log-batch", Map.of("run_id", run, "metrics", metrics, "params",
          List.of(), "tags", List.of()));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("{}", r.body());
    }
    List<JsonNode> all = new ArrayList<>();
    String pageToken = null;
    int pages = 0;
    do {
      JsonNode page = json(get("metrics/get-history?run_id=" + run + "&metric_key=loss&max_results=700"
          + (pageToken == null ? "" : "&page_token=" + enc(pageToken))));
      page.get("metrics").forEach(all::add);
      pageToken = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
      pages++;
    } while (pageToken != null);
    assertEquals(5, pages);
    assertEquals(3000, all.size());
    for (int n = 0; n < 3000; n++) {
      JsonNode m = all.get(n);
      assertEquals(n, m.get("step").asLong());
      assertEquals(1_700_000_000_000L + n, m.get("timestamp").asLong());
      if (n == 5) {
        assertEquals("NaN", m.get("value").asText());
      } else if (n == 6) {
        assertEquals("Infinity", m.get("value").asText());
      } else if (n == 7) {
        assertEquals("-Infinity", m.get("value").asText());
      } else {
        assertEquals(n * 0.5, m.get("value").asDouble(), "point " + n);
      }
    }
    // the dashboard's view: one point per step in the metrics table, drawn against the step
    List<MetricPoint> epochs = ws.store().metrics(run, List.of("loss"));
    assertEquals(3000, epochs.size());
    assertEquals(2999 * 0.5, ws.store().get(run).orElseThrow().summaries().get("loss").last());
  }

  @Test
  void a_batch_over_mlflow_limits_is_refused_whole_and_writes_nothing() throws Exception {
    String run = createRun();
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      metrics.add(Map.of("key", "loss", "value", 1.0, "timestamp", 1L, "step", i));
    }
    HttpResponse<String> r = post("runs/log-batch", Map.of("run_id", run, "metrics", metrics,
        "params", List.of(Map.of("key", "lr", "value", "0.1"))));
    assertEquals(400, r.statusCode());
    assertEquals("INVALID_PARAMETER_VALUE", json(r).get("error_code").asText());
    assertTrue(json(r).get("message").asText().contains("at most 1000 metrics"), r.body());
    HttpResponse<String> longValue = post("runs/log-parameter", Map.of("run_id", run, "key", "notes",
        "value", "x".repeat(6001)));
    assertEquals(400, longValue.statusCode());
    HttpResponse<String> longKey = post("runs/set-tag", Map.of("run_id", run, "key", "k".repeat(251), "value", "v"));
    assertEquals(400, longKey.statusCode());
    HttpResponse<String> longTag = post("runs/set-tag", Map.of("run_id", run, "key", "k", "value", "v".repeat(5001)));
    assertEquals(400, longTag.statusCode());
    JsonNode got = json(get("runs/get?run_id=" + run)).get("run");
    assertEquals(0, got.at("/data/metrics").size());
    assertEquals(0, got.at("/data/params").size());
    assertEquals(Set.of("mlflow.user", "mlflow.runName"), keys(got.at("/data/tags")).keySet());
  }

  @Test
  void repeats_within_a_step_are_all_kept_and_the_latest_is_the_runs_value() throws Exception {
    String run = createRun();
    for (long[] p : new long[][] {{1, 100, 3}, {1, 200, 4}, {2, 150, 5}, {2, 120, 6}}) {
      HttpResponse<String> r = post("runs/log-metric", Map.of("run_id", run, "key", "acc", "value", p[2] / 10.0,
          "timestamp", p[1], "step", p[0]));
      assertEquals(200, r.statusCode(), r.body());
    }
    JsonNode history = json(get("metrics/get-history?run_uuid=" + run + "&metric_key=acc")).get("metrics");
    assertEquals(4, history.size());
    assertEquals(List.of(0.3, 0.4, 0.6, 0.5), List.of(history.get(0).get("value").asDouble(),
        history.get(1).get("value").asDouble(), history.get(2).get("value").asDouble(),
        history.get(3).get("value").asDouble()));
    JsonNode latest = json(get("runs/get?run_id=" + run)).at("/run/data/metrics/0");
    assertEquals(0.5, latest.get("value").asDouble(), "highest step, then latest timestamp");
    assertEquals(2, latest.get("step").asLong());
    assertEquals(150, latest.get("timestamp").asLong());
  }

  @Test
  void experiments_by_name_search_rename_and_delete() throws Exception {
    JsonNode created = json(post("experiments/create", Map.of("name", "py-exp", "tags",
        List.of(Map.of("key", "team", "value", "nlp")))));
    String id = created.get("experiment_id").asText();
    JsonNode byName = json(get("experiments/get-by-name?experiment_name=" + enc("py-exp"))).get("experiment");
    assertEquals(id, byName.get("experiment_id").asText());
    assertEquals("nlp", keys(byName.get("tags")).get("team"));
    HttpResponse<String> absent = get("experiments/get-by-name?experiment_name=nope");
    assertEquals(404, absent.statusCode());
    assertEquals("RESOURCE_DOES_NOT_EXIST", json(absent).get("error_code").asText());
    JsonNode found = json(post("experiments/search", Map.of("filter", "name LIKE 'py-%'", "max_results", 10)));
    assertEquals(1, found.get("experiments").size());
    assertEquals(200, post("experiments/update", Map.of("experiment_id", id, "new_name", "py-exp-2")).statusCode());
    String run = json(post("runs/create", Map.of("experiment_id", id))).at("/run/info/run_id").asText();
    assertEquals("py-exp-2", ws.store().get(run).orElseThrow().experiment());
    assertEquals(200, post("experiments/delete", Map.of("experiment_id", id)).statusCode());
    assertEquals("deleted", json(get("experiments/get?experiment_id=" + id)).at("/experiment/lifecycle_stage")
        .asText());
    assertEquals(0, json(post("experiments/search", Map.of("filter", "name = 'py-exp-2'"))).path("experiments")
        .size());
    assertEquals(400, post("runs/create", Map.of("experiment_id", id)).statusCode(), "no runs in a deleted experiment");
    assertEquals(200, post("experiments/restore", Map.of("experiment_id", id)).statusCode());
    assertEquals(200, post("experiments/set-experiment-tag", Map.of("experiment_id", id, "key", "k", "value", "v"))
        .statusCode());
    assertEquals("v", keys(json(get("experiments/get?experiment_id=" + id)).at("/experiment/tags")).get("k"));
  }

  @Test
  void search_runs_refuses_more_than_fifty_thousand_and_pages_with_tokens() throws Exception {
    for (int i = 0; i < 5; i++) {
      createRun();
    }
    HttpResponse<String> tooMany = post("runs/search", Map.of("experiment_ids", List.of("0"), "max_results", 50_001));
    assertEquals(400, tooMany.statusCode());
    assertTrue(json(tooMany).get("message").asText().contains("50000"), tooMany.body());
    List<String> seen = new ArrayList<>();
    String pageToken = "";
    do {
      Map<String, Object> body = new LinkedHashMap<>(Map.of("experiment_ids", List.of("0"), "filter", "",
          "max_results", 2, "order_by", List.of(), "run_view_type", "ACTIVE_ONLY", "page_token", pageToken));
      JsonNode page = json(post("runs/search", body));
      page.get("runs").forEach(r -> seen.add(r.at("/info/run_id").asText()));
      pageToken = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
    } while (pageToken != null);
    assertEquals(5, seen.size());
    assertEquals(5, Set.copyOf(seen).size(), "pages never overlap");
    HttpResponse<String> bad = post("runs/search", Map.of("experiment_ids", List.of("0"), "filter",
        "metrics.acc >> 1"));
    assertEquals(400, bad.statusCode());
    assertEquals("INVALID_PARAMETER_VALUE", json(bad).get("error_code").asText());
    HttpResponse<String> in = post("runs/search", Map.of("experiment_ids", List.of("0"), "filter",
        "attributes.run_id IN ('" + seen.get(0) + "', '" + seen.get(3) + "')"));
    assertEquals(Set.of(seen.get(0), seen.get(3)), Set.of(json(in).at("/runs/0/info/run_id").asText(),
        json(in).at("/runs/1/info/run_id").asText()));
  }

  @Test
  void descents_own_runs_read_back_with_params_metrics_and_tags() throws Exception {
    Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
    ws.store().create(new NewRun("native1", "fashion", null, Map.of(), Map.of("optimizer", "adam",
        "learning_rate", 0.001, "batch_size", 128L), Map.of(), Set.of("baseline"), t0));
    ws.store().logMetrics("native1", List.of(new MetricPoint("val_loss", 1, 0.9), new MetricPoint("val_loss", 2, 0.7)),
        t0.plusSeconds(5));
    ws.store().finish("native1", RunStatus.DIVERGED, Map.of(), "NaN", null, t0.plusSeconds(9));
    JsonNode run = json(get("runs/get?run_id=native1")).get("run");
    assertEquals("FAILED", run.at("/info/status").asText());
    assertEquals(t0.plusSeconds(9).toEpochMilli(), run.at("/info/end_time").asLong());
    assertEquals(Map.of("optimizer", "adam", "learning_rate", "0.001", "batch_size", "128"),
        keys(run.at("/data/params")));
    assertEquals("", keys(run.at("/data/tags")).get("baseline"));
    JsonNode history = json(get("metrics/get-history?run_id=native1&metric_key=val_loss")).get("metrics");
    assertEquals(2, history.size());
    assertEquals(2, history.get(1).get("step").asLong());
    assertEquals(0.7, history.get(1).get("value").asDouble());
    String exp = json(get("experiments/get-by-name?experiment_name=fashion")).at("/experiment/experiment_id").asText();
    JsonNode found = json(post("runs/search", Map.of("experiment_ids", List.of(exp), "filter",
        "params.optimizer = 'adam' AND metrics.val_loss < 0.8 AND status = 'FAILED'")));
    assertEquals("native1", found.at("/runs/0/info/run_id").asText());
  }

  @Test
  void writes_need_the_bearer_token_when_the_server_has_one() throws Exception {
    server.close();
    server = new WebServer(ws, "127.0.0.1", 0, "s3cret").start();
    HttpResponse<String> refused = post("experiments/create", Map.of("name", "locked"));
    assertEquals(401, refused.statusCode());
    assertEquals(404, get("experiments/get-by-name?experiment_name=locked").statusCode(), "nothing was created");
    token = "s3cret";
    assertEquals(200, post("experiments/create", Map.of("name", "locked")).statusCode());
    assertEquals(200, get("experiments/get-by-name?experiment_name=locked").statusCode(), "reads need no token");
  }

  @Test
  void unknown_endpoints_and_runs_get_mlflow_errors() throws Exception {
    HttpResponse<String> registry = post("registered-models/create", Map.of("name", "m"));
    assertEquals(404, registry.statusCode());
    assertEquals("ENDPOINT_NOT_FOUND", json(registry).get("error_code").asText());
    HttpResponse<String> missing = post("runs/log-metric", Map.of("run_id", "nope", "key", "k", "value", 1,
        "timestamp", 1, "step", 0));
    assertEquals(404, missing.statusCode());
    assertEquals("RESOURCE_DOES_NOT_EXIST", json(missing).get("error_code").asText());
    HttpResponse<String> noKey = post("runs/log-metric", "{\"run_id\": \"x\", \"value\": 1}");
    assertEquals(400, noKey.statusCode());
    assertNull(json(noKey).get("details"), "MLflow's body has error_code and message only");
    assertFalse(json(noKey).get("message").asText().isEmpty());
  }

  private static Map<String, String> keys(JsonNode pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    pairs.forEach(p -> out.put(p.get("key").asText(), p.get("value").asText()));
    return out;
  }
}
