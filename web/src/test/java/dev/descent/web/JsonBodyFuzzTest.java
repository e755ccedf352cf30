package dev.descent.web;

import dev.descent.core.Json;
import dev.descent.core.fuzz.Fuzzer;
import dev.descent.core.tracking.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every JSON body the API parses (a tag, a note) through the real server and store: each input is sent
 * as {@code POST .../tags} and as {@code PUT .../note}, and must end as a 2xx with a run or a 4xx with the JSON
 * error shape, never a 5xx. Corpus: {@code src/test/resources/fuzz/json/}; time box and seed as {@link Fuzzer}
 * says ({@code -Ddescent.fuzz.seconds}, {@code -Ddescent.fuzz.seed}).
 */
class JsonBodyFuzzTest {
  static final String RUN = "fuzzed-run";

  @TempDir
  Path dir;

  @Test
  void every_json_body_ends_in_a_run_or_a_json_client_error() {
    try (Workspace ws = TestRuns.open(dir)) {
      TestRuns.add(ws.store(), RUN, TestRuns.T0);
      ws.sync();
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = server.url() + "/api/runs/" + RUN;
        Fuzzer.target("json")
            .dictionary("{", "}", "[", "]", "\"tag\"", "\"note\"", ":", ",", "\"", "\\u0000", "\\u202e", "\\u200b",
                "\\ud800", "\\n", "null", "true", "1e999", "-0", "\"x\"", " ", "\u0000", "\u00ff")
            .run(body -> {
              check(http, HttpRequest.newBuilder(URI.create(base + "/tags")), "POST", body);
              check(http, HttpRequest.newBuilder(URI.create(base + "/note")), "PUT", body);
            });
      }
    }
  }

  /** Sends the body; throws (failing the fuzz run) on anything but a run (2xx) or a JSON client error (4xx). */
  private static void check(HttpClient http, HttpRequest.Builder request, String method, byte[] body) throws Exception {
    HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    int status = r.statusCode();
    Map<?, ?> json;
    try {
      json = Json.mapper().readValue(r.body(), Map.class);
    } catch (Exception e) {
      throw new IllegalStateException(method + " answered " + status + " with a body that is not JSON: " + r.body(), e);
    }
    if (status >= 200 && status < 300 && RUN.equals(json.get("id"))) {
      return;
    }
    if (status >= 400 && status < 500 && json.get("error_code") instanceof String
        && json.get("message") instanceof String m && !m.isBlank() && json.containsKey("details")) {
      return;
    }
    throw new IllegalStateException(method + " answered " + status + ": " + r.body());
  }
}
