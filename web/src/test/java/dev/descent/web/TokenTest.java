package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.tracking.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write rule: a token, when set, is needed for every write and never for reads. */
class TokenTest {
  @TempDir
  Path dir;

  final HttpClient http = HttpClient.newHttpClient();

  int put(WebServer s, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + "/api/runs/cell-adam-0.01/note"))
        .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString("{\"note\": \"n\"}"))
        .header("Content-Type", "application/json");
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void writes_need_the_bearer_token_reads_do_not() throws Exception {
    try (Workspace ws = TestRuns.open(dir); WebServer s = new WebServer(ws, "127.0.0.1", 0, "s3cret").start()) {
      TestRuns.fill(ws.store());
      assertEquals(401, put(s));
      assertEquals(401, put(s, "Authorization", "Bearer wrong"));
      HttpResponse<String> del = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/runs/cell-adam-0.01/tags/x"))
          .DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, del.statusCode());
      assertTrue(del.body().contains("\"error_code\":\"UNAUTHORIZED\""), del.body());
      assertEquals(200, put(s, "Authorization", "Bearer s3cret"));
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/runs")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void a_non_loopback_host_without_token_is_refused() {
    try (Workspace ws = TestRuns.open(dir)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new WebServer(ws, "0.0.0.0", 0, null));
      assertTrue(e.getMessage().contains("token"));
    }
  }

  @Test
  void loopback_names() {
    assertTrue(WebServer.isLoopback("127.0.0.1"));
    assertTrue(WebServer.isLoopback("localhost"));
    assertTrue(WebServer.isLoopback("::1"));
    assertFalse(WebServer.isLoopback("0.0.0.0"));
  }
}
