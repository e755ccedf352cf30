package dev.descent.bench.web;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.bench.SyntheticRuns;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import dev.descent.web.Browser;
import dev.descent.web.WebServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's figures on a big store: {@code GET /api/runs} first page, a 20-run compare, and the time
 * until Chromium has the runs and compare pages drawn. Latencies are per request, sequential, over loopback;
 * "server" is the {@code Server-Timing} the server reports, "client" adds HTTP and JSON parsing.
 * <pre>
 * java -cp bench/target/descent-bench.jar dev.descent.bench.web.DashboardBench STORE [REQUESTS=2000] [EPOCHS_PER_S]
 * </pre>
 * With EPOCHS_PER_S, another connection writes that many epochs a second while the server is measured, as a
 * sweep beside the dashboard does (each write makes the next search catch the index up first).
 * STORE is typically made by {@code SyntheticRuns STORE 100000}; the bench adds 20 runs of 100 epochs × 7
 * metrics (ids {@code bench-compare-NN}) the first time, so the compare has the shape.
 */
public final class DashboardBench {
  static final int COMPARE_RUNS = 20;
  static final int COMPARE_EPOCHS = 100;
  static final int PAGE_LOADS = 50;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  private DashboardBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: DashboardBench STORE [REQUESTS=2000] [EPOCHS_PER_S]");
      System.exit(2);
    }
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    double writeRate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    try (Workspace ws = Workspace.open(args[0], null, Clock.systemUTC());
        SweepWriter writer = writeRate > 0 ? SweepWriter.start(args[0], writeRate) : null) {
      List<String> compareIds = compareRuns(ws.store());
      ws.sync();
      System.out.printf(Locale.ROOT, "store %s: %,d runs; %s; %d-core machine, load average %.2f%n",
          ws.location(), ws.store().count(), writeRate > 0 ? "a writer adds " + writeRate + " epochs/s" : "no writer", Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        DashboardBench bench = new DashboardBench(server.url());
        String compare = "/api/compare?ids=" + String.join(",", compareIds);
        bench.latency("warm-up (not reported)", "/api/runs", requests / 4, false);
        bench.latency("warm-up (not reported)", compare, 50, false);
        bench.latency("GET /api/runs (first page, 50 runs, newest first)", "/api/runs", requests, true);
        bench.latency("GET /api/runs?q=optimizer:adam learning_rate<1e-3&sort=val_accuracy:desc",
            "/api/runs?q=" + enc("optimizer:adam learning_rate<1e-3") + "&sort=" + enc("val_accuracy:desc"),
            requests, true);
        bench.latency("GET /api/compare, " + COMPARE_RUNS + " runs x " + COMPARE_EPOCHS + " epochs x "
            + SyntheticRuns.METRICS.size() + " metrics", compare, requests / 10, true);
        if (Browser.available()) {
          bench.pages(List.of("/", "/compare?ids=" + String.join(",", compareIds)));
        } else {
          System.out.println("Chromium page times skipped: " + Browser.MISSING);
        }
      }
      if (writer != null) {
        System.out.printf(Locale.ROOT, "meanwhile another connection wrote %,d epochs (%.1f per second)%n",
            writer.epochs(), writer.rate());
      }
    }
  }

  /** The 20 long runs a compare reads, added once. */
  static List<String> compareRuns(RunStore store) {
    List<String> ids = new ArrayList<>();
    Random random = new Random(7);
    Instant start = Instant.parse("2026-02-01T00:00:00Z");
    for (int i = 0; i < COMPARE_RUNS; i++) {
      String id = String.format(Locale.ROOT, "bench-compare-%02d", i);
      ids.add(id);
      if (store.get(id).isPresent()) {
        continue;
      }
      Map<String, Object> params = Map.of("optimizer", i % 2 == 0 ? "adam" : "sgd", "learning_rate",
          Math.pow(10, -4 + i % 5 * 0.5), "seed", (long) (i / 10));
      store.create(new NewRun(id, "bench-compare", null, Map.of("epochs", (long) COMPARE_EPOCHS), params, Map.of(),
          Set.of(), start.plusSeconds(i)));
      List<MetricPoint> points = new ArrayList<>();
      for (int e = 1; e <= COMPARE_EPOCHS; e++) {
        points.addAll(SyntheticRuns.epoch(e, random));
      }
      store.logMetrics(id, points, start.plusSeconds(i + COMPARE_EPOCHS));
      store.finish(id, RunStatus.FINISHED, Map.of(), null, null, start.plusSeconds(i + COMPARE_EPOCHS + 1));
    }
    return ids;
  }

  private void latency(String label, String path, int n, boolean report) throws Exception {
    double[] client = new double[n];
    double[] server = new double[n];
    long bytes = 0;
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      client[i] = (System.nanoTime() - t0) / 1e6;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
      }
      server[i] = Double.parseDouble(r.headers().firstValue("Server-Timing").orElseThrow().replace("app;dur=", ""));
      bytes = r.body().length();
    }
    if (report) {
      System.out.printf(Locale.ROOT, "%s%n  %d requests, %,d bytes each: server p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
          + " client p50 %.1f ms, p99 %.1f ms%n", label, n, bytes, pct(server, 50), pct(server, 99), pct(server, 100),
          pct(client, 50), pct(client, 99));
    }
  }

  /** Each page loaded afresh {@link #PAGE_LOADS} times (one warm-up first): time until it marked itself drawn. */
  private void pages(List<String> paths) throws Exception {
    Path profile = Files.createTempDirectory("descent-bench-chromium");
    ChromeDriver driver = Browser.start(profile);
    try {
      for (String path : paths) {
        double[] ms = new double[PAGE_LOADS];
        String slowest = "";
        for (int i = -1; i < PAGE_LOADS; i++) {
          driver.get(base + path);
          double drawn = drawnAt(driver);
          if (i >= 0) {
            ms[i] = drawn;
            if (drawn >= pct(Arrays.copyOf(ms, i + 1), 100)) {
              slowest = timeline(driver);
            }
          }
        }
        System.out.printf(Locale.ROOT, "Chromium: %s fully drawn (navigation start to the data painted)%n"
            + "  %d loads: p50 %.0f ms, p99 %.0f ms, max %.0f ms; all: %s%n", path.length() > 40
            ? path.substring(0, 40) + "..." : path, PAGE_LOADS, pct(ms, 50), pct(ms, 99), pct(ms, 100),
            Arrays.stream(ms).mapToObj(v -> String.valueOf(Math.round(v))).toList());
        System.out.println("  the slowest load: " + slowest);
      }
    } finally {
      driver.quit();
    }
  }

  /** Where a load's time went: the document, then each script and API request (start -> end, ms). */
  private static String timeline(ChromeDriver driver) {
    Object t = driver.executeScript("const n = performance.getEntriesByType('navigation')[0];"
        + "const parts = ['document ' + Math.round(n.startTime) + '->' + Math.round(n.responseEnd)"
        + " + ', DOMContentLoaded ' + Math.round(n.domContentLoadedEventEnd)];"
        + "for (const r of performance.getEntriesByType('resource')) {"
        + "  parts.push(new URL(r.name).pathname.replace(/.*\\//, '') + ' ' + Math.round(r.startTime) + '->'"
        + "    + Math.round(r.responseEnd)); }"
        + "return parts.join('; ');");
    return String.valueOf(t);
  }

  private static double drawnAt(ChromeDriver driver) throws InterruptedException {
    for (int tries = 0; tries < 300; tries++) {
      Object t = driver.executeScript(
          "const m = performance.getEntriesByName('descent:drawn'); return m.length ? m[0].startTime : null;");
      if (t != null) {
        return ((Number) t).doubleValue();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("page never marked itself drawn: " + driver.getCurrentUrl());
  }

  static double pct(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
