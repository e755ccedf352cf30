package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.store.OpenMode;
import dev.descent.core.tracking.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept weights on a shared PostgreSQL store: a run trained on one host with {@code --artifacts DIR}
 * (a directory every host shares) is downloaded from the dashboard of another host, which has its own
 * index and home, byte for byte. Needs {@code DESCENT_TEST_POSTGRES_URL}; skipped without it outside CI.
 */
class SharedArtifactsTest {
  static final String URL = System.getenv("DESCENT_TEST_POSTGRES_URL");

  @TempDir
  Path dir;

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + URL); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void weights_kept_on_one_host_download_from_the_dashboard_of_another() throws Exception {
    assumeTrue(URL != null || "true".equals(System.getenv("CI")),
        "skipped: DESCENT_TEST_POSTGRES_URL is not set (a PostgreSQL server to share)");
    assertNotNull(URL, "CI=true but DESCENT_TEST_POSTGRES_URL is not set");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    sql("CREATE SCHEMA " + schema);
    String store = URL + "&currentSchema=" + schema;
    Path shared = dir.resolve("nfs").resolve("artifacts");
    try (Workspace trainer = Workspace.open(store, dir.resolve("host-a-index").toString(), Clock.systemUTC(),
        OpenMode.CREATE_IF_NEW, shared.toString());
         Workspace dashboard = Workspace.open(store, dir.resolve("host-b-index").toString(), Clock.systemUTC(),
             OpenMode.EXISTING_ONLY, shared.toString())) {
      TestRuns.add(trainer.store(), "trained-on-a", TestRuns.T0);
      trainer.artifacts().save("trained-on-a", new float[] {0.5f, -1f});
      assertEquals(shared.resolve("trained-on-a"), trainer.artifacts().dir("trained-on-a"));
      try (WebServer server = new WebServer(dashboard, "127.0.0.1", 0, null).start()) {
        HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(server.url() + "/api/runs/trained-on-a/artifacts/weights.f32")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(Files.readAllBytes(shared.resolve("trained-on-a").resolve("weights.f32")), got.body());
        assertEquals(8, got.body().length);
      }
    } finally {
      sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
