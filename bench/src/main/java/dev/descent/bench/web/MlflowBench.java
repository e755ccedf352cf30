package dev.descent.bench.web;

import dev.descent.core.Json;
import dev.descent.core.store.bench.SyntheticRuns;
import dev.descent.core.tracking.Workspace;
import dev.descent.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MLflow API's figures over loopback, one client, sequential requests, as the Python client sends them:
 * <ol>
 *   <li>log-batch: batches of 1,000 metric points (int64 as JSON numbers), points per second sustained;</li>
 *   <li>get-history of one metric of 100,000 points, whole, per request (HTTP and reading the body included);</li>
 *   <li>search-runs over a store of RUNS synthetic runs (made once with {@link SyntheticRuns}), a metric and
 *       param filter ordered by a metric, p50/p99 per request.</li>
 * </ol>
 * <pre>
 * java -cp bench/target/descent-bench.jar dev.descent.bench.web.MlflowBench DIR [RUNS=100000] [SEARCHES=500]
 * </pre>
 * DIR holds the store; a store that already has RUNS runs is reused.
 */
public final class MlflowBench {
  private static final String API = "/api/2.0/mlflow/";
  /** HTTP/1.1 with keep-alive, as the Python client (requests) speaks it. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  /** The {@code Server-Timing} of the last response: the server's own time, without HTTP and the client. */
  private double lastServerMs;

  private MlflowBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: MlflowBench DIR [RUNS=100000] [SEARCHES=500]");
      System.exit(2);
    }
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int searches = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    try (Workspace ws = Workspace.open(Path.of(args[0]).toString(), null, Clock.systemUTC())) {
      if (ws.store().count() < runs) {
        long t = System.nanoTime();
        SyntheticRuns.ingest(ws.store(), runs, 42, false);
        ws.sync();
        System.out.printf(Locale.ROOT, "store: %,d synthetic runs written and indexed in %.0f s%n", runs,
            (System.nanoTime() - t) / 1e9);
      }
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        MlflowBench bench = new MlflowBench(server.url());
        bench.logBatch(500);
        bench.history(100_000, 20);
        bench.search(searches, 100);
        bench.search(searches / 5, 1000);
      }
    }
  }

  private void logBatch(int batches) throws Exception {
    String run = runId(post("runs/create", Map.of("experiment_id", "0", "run_name", "bench-log-batch")));
    int warmup = 100;
    long start = 0;
    long cpu = 0;
    double[] serverMs = new double[batches];
    List<String> bodies = new ArrayList<>(); // made before timing: the client's own formatting is not the server's
    for (int b = 0; b < batches + warmup; b++) {
      bodies.add(batch(run, "loss", b * 1000));
    }
    for (int b = 0; b < batches + warmup; b++) {
      if (b == warmup) {
        start = System.nanoTime();
        cpu = cpuNanos();
      }
      post("runs/log-batch", bodies.get(b));
      if (b >= warmup) {
        serverMs[b - warmup] = lastServerMs;
      }
    }
    Arrays.sort(serverMs);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (cpuNanos() - cpu) / 1e9;
    System.out.printf(Locale.ROOT, "log-batch: %,d batches of 1,000 points in %.2f s = %,.0f points/s"
        + " (%.2f ms per batch, server p50 %.2f ms); CPU of client and server together %.2f s = %,.0f points per"
        + " CPU-second%n", batches, seconds, batches * 1000 / seconds, seconds * 1000 / batches,
        serverMs[batches / 2], cpuSeconds, batches * 1000 / cpuSeconds);
  }

  private void history(int points, int reads) throws Exception {
    String run = runId(post("runs/create", Map.of("experiment_id", "0", "run_name", "bench-history")));
    for (int b = 0; b < points / 1000; b++) {
      post("runs/log-batch", batch(run, "val_loss", b * 1000));
    }
    double[] ms = new double[reads];
    int size = 0;
    for (int i = 0; i < reads + 3; i++) {
      long t = System.nanoTime();
      String body = get("metrics/get-history?run_id=" + run + "&metric_key=val_loss");
      if (i >= 3) {
        ms[i - 3] = (System.nanoTime() - t) / 1e6;
      }
      size = body.length();
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "get-history of %,d points (%,d bytes): p50 %.0f ms, max %.0f ms over %d reads%n",
        points, size, ms[reads / 2], ms[reads - 1], reads);
  }

  private void search(int searches, int maxResults) throws Exception {
    String exp = Json.mapper().readTree(get("experiments/get-by-name?experiment_name=synthetic-fashion"))
        .at("/experiment/experiment_id").asText();
    String[] optimizers = {"adam", "sgd", "rmsprop", "adagrad", "adadelta"};
    double[] ms = new double[searches];
    double[] server = new double[searches];
    int found = 0;
    for (int i = 0; i < searches + 10; i++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("experiment_ids", List.of(exp));
      body.put("filter", "params.optimizer = '" + optimizers[i % 5] + "' AND metrics.val_accuracy > "
          + (0.5 + (i % 7) * 0.05));
      body.put("order_by", List.of("metrics.val_accuracy DESC"));
      body.put("max_results", maxResults);
      long t = System.nanoTime();
      String out = post("runs/search", body);
      if (i >= 10) {
        ms[i - 10] = (System.nanoTime() - t) / 1e6;
        server[i - 10] = lastServerMs;
        found += Json.mapper().readTree(out).path("runs").size();
      }
    }
    Arrays.sort(ms);
    Arrays.sort(server);
    System.out.printf(Locale.ROOT, "search-runs (max_results %d, %,.0f runs returned on average): client p50 %.1f ms,"
        + " p99 %.1f ms, max %.1f ms; server p50 %.1f ms, p99 %.1f ms over %d searches%n", maxResults,
        (double) found / searches, ms[searches / 2], ms[(int) Math.ceil(searches * 0.99) - 1], ms[searches - 1],
        server[searches / 2], server[(int) Math.ceil(searches * 0.99) - 1], searches);
  }

  /** CPU time of this whole process (client, server and SQLite all run in it). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * A log-batch body as the Python client sends it (int64 as numbers), written straight into a string so the
   * client's own cost is small next to the server's.
   */
  private static String batch(String run, String key, int first) {
    StringBuilder b = new StringBuilder(100_000).append("{\"run_id\": \"").append(run).append("\", \"metrics\": [");
    for (int i = 0; i < 1000; i++) {
      int n = first + i;
      b.append(i == 0 ? "" : ", ").append("{\"key\": \"").append(key).append("\", \"value\": ").append(1.0 / (n + 1))
          .append(", \"timestamp\": ").append(1_700_000_000_000L + n).append(", \"step\": ").append(n).append('}');
    }
    return b.append("], \"params\": [], \"tags\": []}").toString();
  }

  private static String runId(String createResponse) throws Exception {
    return Json.mapper().readTree(createResponse).at("/run/info/run_id").asText();
  }

  private String post(String path, Object body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + API + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            body instanceof String s ? s : Json.write(body)))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
    lastServerMs = Double.parseDouble(r.headers().firstValue("Server-Timing").orElse("app;dur=NaN")
        .replace("app;dur=", ""));
    return r.body();
  }

  private String get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + API + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(pathAndQuery + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
