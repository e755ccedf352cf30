package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.env.HostIdentity;
import dev.descent.core.store.Lease;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.store.PostgresRunStore;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sweep on many workers over PostgreSQL, with real processes that share nothing but the store's
 * address: eight `descent worker`s, each in its own directory with its own host identity, finish a
 * 48-cell sweep with every cell finished exactly once, even when two of them are killed with kill -9
 * mid-cell (their cells are taken over once their leases, at the default 30 s, run out); and the shell
 * loop of docs/distributed.md, run as it is, does the same for a smaller sweep.
 */
class DistributedSweepTest {
  /**
   * Cells must outlast a worker JVM's start (several seconds on 2 loaded cores), or the submitter finishes
   * the sweep alone and the test proves nothing: 8,000 samples make a cell take about a second even after
   * the training-speed work, where 400 took 0.1 s.
   */
  private static final String GRID = """
      name: many-workers
      dataset: {name: moons, samples: 8000, test_samples: 100, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 16, epochs: %d, seed: 1}
      grid:
        optimizer: [sgd, adam, adagrad, rmsprop]
        learning_rate: [0.001, 0.01, 0.1]
        batch_size: [16, 64]
      seeds: %d
      """;

  @TempDir
  Path dir;
  private String url;
  private String schema;

  @BeforeEach
  void schema() throws Exception {
    String server = System.getenv("DESCENT_TEST_POSTGRES_URL");
    assumeTrue(server != null || "true".equals(System.getenv("CI")),
        "distributed sweep tests skipped: DESCENT_TEST_POSTGRES_URL is not set (eval \"$(.ci/postgres.sh)\")");
    assertNotNull(server, "CI=true but DESCENT_TEST_POSTGRES_URL is not set");
    schema = "dist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    execute(server, "CREATE SCHEMA " + schema);
    url = server + "&currentSchema=" + schema;
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      execute(System.getenv("DESCENT_TEST_POSTGRES_URL"), "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private Process start(Path workDir, String host, Path log, String... args) throws Exception {
    return CliProcess.descent(args).heap("512m").in(workDir).host(host).env("HOME", dir.toString()).log(log).start();
  }

  private void environment(Map<String, String> env) {
    env.remove(LeaseSettings.LEASE_ENV); // the defaults a user gets
    env.remove(LeaseSettings.HEARTBEAT_ENV);
    env.remove(HostIdentity.ENV);
    env.put("HOME", dir.toString()); // the PostgreSQL store's default index lives under ~/.descent
    env.put("DESCENT_RELAUNCHED", "1");
    env.put("OMP_NUM_THREADS", "1");
  }

  private Map<String, Run> runs() {
    Map<String, Run> m = new HashMap<>();
    try (RunStore s = PostgresRunStore.open(url)) {
      s.list(0, 1000).forEach(r -> m.put(r.id(), r));
    }
    return m;
  }

  private static List<String> lines(Path log, String prefix) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.contains(prefix)).toList();
  }

  /** The cell id of progress lines like {@code [3/48, 0 failed, ETA 1 s] finished  ID  ...}, ran by this process. */
  private static List<String> finishedHere(Path log) throws Exception {
    return lines(log, "] finished ").stream().filter(l -> !l.contains("(by another process)"))
        .map(l -> l.substring(l.indexOf("] finished ") + 11).strip().split("\\s+")[0]).toList();
  }

  @Test
  void eight_workers_finish_48_cells_once_and_the_cells_of_two_killed_ones_after_their_leases() throws Exception {
    Path file = Files.writeString(dir.resolve("grid.yaml"), GRID.formatted(2, 2));
    long t0 = System.nanoTime();
    Map<String, Process> procs = new LinkedHashMap<>();
    Map<String, Path> logs = new LinkedHashMap<>();
    logs.put("submit", dir.resolve("submit.log"));
    procs.put("submit", start(dir.resolve("submit"), "submitter", logs.get("submit"), "run", file.toString(),
        "--store", url, "--workers", "1"));
    for (int i = 1; i <= 8; i++) {
      String host = "worker-" + i;
      logs.put(host, dir.resolve(host + ".log"));
      procs.put(host, start(dir.resolve(host), host, logs.get(host), "worker", "--store", url, "--index", "index",
          "--workers", "1", "--idle-exit", "20s"));
    }
    // once the sweep is under way, kill -9 two workers while each holds a cell
    Map<String, Lease> killed = new HashMap<>();
    Instant killedAt = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (killed.size() < 2) {
      assertTrue(System.nanoTime() < deadline, "never two workers mid-cell");
      Map<String, Run> now = runs();
      if (now.values().stream().filter(r -> r.status() == RunStatus.FINISHED).count() >= 6) {
        try (RunStore s = PostgresRunStore.open(url)) {
          for (Run r : now.values()) {
            Lease l = s.lease(r.id()).orElseThrow();
            String host = l.owner() == null ? "" : l.owner().machine();
            if (l.status() == RunStatus.RUNNING && host.startsWith("worker-") && killed.size() < 2
                && killed.values().stream().noneMatch(k -> k.owner().machine().equals(host))) {
              procs.get(host).destroyForcibly().waitFor();
              killedAt = Instant.now();
              killed.put(r.id(), l);
            }
          }
        }
      }
      Thread.sleep(100);
    }
    for (Map.Entry<String, Process> p : procs.entrySet()) {
      assertTrue(p.getValue().waitFor(400, TimeUnit.SECONDS), p.getKey() + " did not end");
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    Map<String, String> killedHosts = new HashMap<>();
    killed.forEach((id, l) -> killedHosts.put(l.owner().machine(), id));
    for (Map.Entry<String, Process> p : procs.entrySet()) {
      if (!killedHosts.containsKey(p.getKey())) {
        assertEquals(0, p.getValue().exitValue(), p.getKey() + ":\n" + Files.readString(logs.get(p.getKey())));
      }
    }

    Map<String, Run> after = runs();
    assertEquals(48, after.size());
    after.values().forEach(r -> assertEquals(RunStatus.FINISHED, r.status(), r.id()));
    Map<String, Integer> finishedBy = new HashMap<>();
    Map<String, Integer> perProcess = new LinkedHashMap<>();
    for (Map.Entry<String, Path> log : logs.entrySet()) {
      List<String> mine = finishedHere(log.getValue());
      perProcess.put(log.getKey(), mine.size());
      mine.forEach(id -> finishedBy.merge(id, 1, Integer::sum));
    }
    assertEquals(48, finishedBy.size(), "every cell finished by some process: " + finishedBy.keySet());
    finishedBy.forEach((id, n) -> assertEquals(1, n, id + " finished " + n + " times"));
    List<String> delays = new ArrayList<>();
    try (RunStore s = PostgresRunStore.open(url)) {
      for (Map.Entry<String, Lease> k : killed.entrySet()) {
        Run retaken = after.get(k.getKey());
        Lease dead = k.getValue();
        assertFalse(retaken.startTime().isBefore(dead.leaseUntil()), k.getKey() + " taken over at "
            + retaken.startTime() + ", before the dead lease ran out at " + dead.leaseUntil());
        Lease now = s.lease(k.getKey()).orElseThrow();
        assertFalse(now.owner().machine().equals(dead.owner().machine()));
        assertTrue(now.previousAttempt().contains(dead.owner().machine()) || now.previousAttempt().contains("expired")
            || now.previousAttempt().startsWith("crashed"), now.previousAttempt());
        delays.add(String.format(Locale.ROOT, "%.1f", Duration.between(killedAt, retaken.startTime()).toMillis() / 1000.0));
      }
    }
    System.out.printf(Locale.ROOT, "FIGURES eight workers: 48 cells in %.1f s wall (9 JVMs incl. start-up, 2 cores);"
        + " cells finished per process %s; killed %s; their cells started again %s s after the kill%n",
        wall, perProcess, killedHosts.keySet(), delays);
  }

  @Test
  void the_shell_loop_of_the_docs_runs_a_sweep_on_several_workers_each_cell_once() throws Exception {
    Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/distributed/shell-loop.sh");
    assertTrue(Files.isRegularFile(script), script.toString());
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path descent = bin.resolve("descent");
    Files.writeString(descent, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -Xmx512m -cp '" + classPath() + "' dev.descent.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(descent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.writeString(dir.resolve("grid.yaml"), GRID.formatted(2, 1).replace("[16, 64]", "[16]"));
    Path work = Files.createDirectories(dir.resolve("loop"));
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile());
    environment(pb.environment());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("DESCENT_STORE", url);
    pb.environment().put("GRID", file.toString());
    pb.environment().put("WORKERS", "3");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("loop.log").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(400, TimeUnit.SECONDS), "the shell loop did not end");
    StringBuilder all = new StringBuilder(Files.readString(dir.resolve("loop.log")));
    for (String log : List.of("submit.log", "worker-1/worker.log", "worker-2/worker.log", "worker-3/worker.log")) {
      Path f = work.resolve(log);
      all.append("\n== ").append(log).append('\n').append(Files.exists(f) ? Files.readString(f) : "(none)");
    }
    assertEquals(0, p.exitValue(), all.toString());
    Map<String, Run> after = runs();
    assertEquals(12, after.size());
    after.values().forEach(r -> assertEquals(RunStatus.FINISHED, r.status(), r.id()));
    Map<String, Integer> finishedBy = new HashMap<>();
    List<Path> logs = new ArrayList<>(List.of(work.resolve("submit.log")));
    for (int i = 1; i <= 3; i++) {
      logs.add(work.resolve("worker-" + i).resolve("worker.log"));
    }
    for (Path log : logs) {
      finishedHere(log).forEach(id -> finishedBy.merge(id, 1, Integer::sum));
    }
    assertEquals(12, finishedBy.size(), finishedBy.toString());
    finishedBy.forEach((id, n) -> assertEquals(1, n, id + " finished " + n + " times"));
    assertTrue(logs.stream().skip(1).anyMatch(l -> {
      try {
        return !finishedHere(l).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }), "the workers took part");
  }
}
