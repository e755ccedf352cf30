package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.Json;
import dev.descent.core.tracking.Workspace;
import dev.descent.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run logged through the MLflow API of a running server is then found by {@code descent runs search}. */
class MlflowLoggedRunSearchTest {
  @TempDir
  Path dir;

  @Test
  void descent_runs_search_finds_a_run_logged_through_mlflow() throws Exception {
    String store = dir.resolve("store").toString();
    String run;
    HttpClient http = HttpClient.newHttpClient();
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC());
        WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
      run = Json.mapper().readTree(post(http, server, "runs/create", Map.of("experiment_id", "0",
          "run_name", "from-python"))).at("/run/info/run_id").asText();
      post(http, server, "runs/log-batch", Map.of("run_id", run,
          "params", List.of(Map.of("key", "optimizer", "value", "lion"), Map.of("key", "lr", "value", "0.0003")),
          "metrics", List.of(Map.of("key", "val_accuracy", "value", 0.8, "timestamp", 1_700_000_000_000L, "step", 1),
              Map.of("key", "val_accuracy", "value", 0.93, "timestamp", 1_700_000_001_000L, "step", 2))));
      post(http, server, "runs/update", Map.of("run_id", run, "status", "FINISHED"));
    }
    CliRunner found = CliRunner.run("runs", "search", "optimizer:lion AND val_accuracy>0.9 AND status:finished",
        "--json", "--store", store);
    assertEquals(0, found.exitCode(), found.err());
    assertTrue(found.out().contains(run), found.out());
    CliRunner none = CliRunner.run("runs", "search", "optimizer:lion AND val_accuracy>0.95", "--json",
        "--store", store);
    assertFalse(none.out().contains(run), none.out());
  }

  private static String post(HttpClient http, WebServer server, String path, Object body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/2.0/mlflow/" + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
