package dev.descent.web.mlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import dev.descent.core.tracking.Workspace;
import dev.descent.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLflow's artifact proxy as the Python client uses it: PUT the file's bytes, list a run's folder, GET it back. */
class ArtifactsProxyTest {
  @TempDir
  Path dir;

  Workspace ws;
  WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    ws = Workspace.open(dir.resolve("store").toString(), null, Clock.systemUTC());
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
  }

  @AfterEach
  void stop() {
    server.close();
    ws.close();
  }

  @Test
  void uploads_lists_and_downloads_a_file_larger_than_any_json_body() throws Exception {
    String artifactUri = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(server.url()
        + "/api/2.0/mlflow/runs/create")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"experiment_id\": \"0\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).at("/run/info/artifact_uri").asText();
    assertTrue(artifactUri.startsWith("mlflow-artifacts:/0/"), artifactUri);
    String folder = artifactUri.substring("mlflow-artifacts:/".length());
    byte[] model = new byte[3 << 20]; // over the 1 MB limit of JSON requests
    new SplittableRandom(7).nextBytes(model);
    String url = server.url() + ArtifactsProxy.BASE + "/" + folder + "/model/model.bin";
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(model)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, put.statusCode(), put.body());
    JsonNode listed = Json.mapper().readTree(get(ArtifactsProxy.BASE + "?path=" + folder).body());
    assertEquals("model", listed.at("/files/0/path").asText());
    assertTrue(listed.at("/files/0/is_dir").asBoolean());
    JsonNode inner = Json.mapper().readTree(get(ArtifactsProxy.BASE + "?path=" + folder + "/model").body());
    assertEquals(Map.of("path", "model.bin", "is_dir", false, "file_size", model.length),
        Json.mapper().convertValue(inner.at("/files/0"), Map.class));
    HttpResponse<byte[]> back = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, back.statusCode());
    assertArrayEquals(model, back.body());
    assertEquals(404, get(ArtifactsProxy.BASE + "/" + folder + "/missing.txt").statusCode());
  }

  @Test
  void refuses_paths_that_leave_the_artifacts_folder() {
    ArtifactsProxy proxy = new ArtifactsProxy(dir.resolve("artifacts"));
    for (String bad : new String[] {"../x", "0/../../x", "/etc/passwd", "0/./x"}) {
      dev.descent.core.DescentException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.descent.core.DescentException.class, () -> proxy.resolve(bad), bad);
      assertEquals(dev.descent.core.ErrorCode.INVALID_INPUT, e.code());
    }
    assertEquals(dir.resolve("artifacts").resolve("0/r/artifacts/a.txt").toAbsolutePath(),
        proxy.resolve("0/r/artifacts/a.txt"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
