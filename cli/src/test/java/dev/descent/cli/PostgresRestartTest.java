package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.store.PostgresRunStore;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL restart in the middle of a sweep (stopped, down 4 s, started): `descent run` waits for the server, logs the outage once
 * when it begins and once when it ends, and finishes every cell exactly once with exit 0. The test starts
 * its own PostgreSQL server (initdb and pg_ctl as user postgres, on a free loopback port, in a temp dir) so
 * it can restart it; it needs root and Debian's PostgreSQL binaries, and skips without them outside CI.
 */
class PostgresRestartTest {
  private static final String GRID = """
      name: restart
      dataset: {name: moons, samples: 4000, test_samples: 100, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 16, epochs: 4, seed: 1}
      grid:
        optimizer: [sgd, adam, adagrad, rmsprop]
        learning_rate: [0.01, 0.1]
      """;

  @TempDir
  Path dir;
  private Path pgDir;
  private Path bin;
  private int port;

  @AfterEach
  void stopServer() throws Exception {
    if (pgDir != null) {
      asPostgres(bin.resolve("pg_ctl").toString(), "-D", pgDir.resolve("data").toString(), "-m", "immediate", "stop");
      run("rm", "-rf", pgDir.toString());
    }
  }

  private static Path postgresBin() {
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions == null) {
      return null;
    }
    return Arrays.stream(versions).map(v -> v.toPath().resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
        .max((a, b) -> Integer.compare(Integer.parseInt(a.getParent().getFileName().toString().replaceAll("\\D", "0")),
            Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
        .orElse(null);
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " took over 60 s");
    return p.exitValue();
  }

  private static void asPostgres(String... command) throws Exception {
    List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    c.addAll(List.of(command));
    assertEquals(0, run(c.toArray(String[]::new)), String.join(" ", c));
  }

  /** initdb, start on a free loopback port, create the database; returns the store address. */
  private String startServer() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    bin = postgresBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(ci || (bin != null && root), "PostgreSQL restart test skipped: needs root and Debian's PostgreSQL"
        + " binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" + (root ? "" : "; not root"));
    assertTrue(bin != null && root, "CI=true but PostgreSQL binaries or root are missing");
    pgDir = Files.createTempDirectory(Path.of("/tmp"), "descent-pgrestart-");
    assertEquals(0, run("chown", "postgres:postgres", pgDir.toString()));
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String data = pgDir.resolve("data").toString();
    asPostgres(bin.resolve("initdb").toString(), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--locale=C.UTF-8");
    startPostgres();
    asPostgres(bin.resolve("psql").toString(), "-q", "-h", pgDir.toString(), "-p", String.valueOf(port), "-U",
        "postgres", "-d", "postgres", "-c", "CREATE DATABASE descent");
    return "postgresql://127.0.0.1:" + port + "/descent?user=postgres";
  }

  private void startPostgres() throws Exception {
    asPostgres(bin.resolve("pg_ctl").toString(), "-D", pgDir.resolve("data").toString(), "-l",
        pgDir.resolve("server.log").toString(), "-w", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + pgDir,
        "start");
  }

  private Process start(Path log, String... args) throws Exception {
    return CliProcess.descent(args).heap("512m").in(dir).env(PostgresRunStore.OUTAGE_ENV, null)
        .env("HOME", dir.toString()).log(log).start();
  }

  private static long count(Path log, String text) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
  }

  @Test
  void a_sweep_waits_out_a_postgres_restart_and_finishes_every_cell_once() throws Exception {
    String url = startServer();
    Path grid = Files.writeString(dir.resolve("grid.yaml"), GRID);
    Path log = dir.resolve("run.log");
    Process sweep = start(log, "run", grid.toString(), "--store", url, "--workers", "2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count(log, "] finished ") < 2 && sweep.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(sweep.isAlive(), "the sweep ended before the restart:\n" + Files.readString(log));
    long finishedBefore = count(log, "] finished ");
    assertTrue(finishedBefore >= 2 && finishedBefore < 8, "restart mid-sweep, after " + finishedBefore + " cells");
    // a restart with the server down for a few seconds (well inside the 30 s lease): the sweep meets a dead
    // connection, then refused connections, and waits
    asPostgres(bin.resolve("pg_ctl").toString(), "-D", pgDir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    Thread.sleep(4000);
    startPostgres();

    assertTrue(sweep.waitFor(80, TimeUnit.SECONDS), "the sweep did not end:\n" + Files.readString(log));
    String out = Files.readString(log);
    assertEquals(0, sweep.exitValue(), out);
    assertEquals(1, count(log, "lost the database"), "the outage is logged once when it begins:\n" + out);
    assertEquals(1, count(log, "the database is back after"), "and once when it ends:\n" + out);
    String back = Files.readAllLines(log).stream().filter(l -> l.contains("the database is back after")).findFirst().orElseThrow();
    System.out.println(back); // the measured outage
    double down = Double.parseDouble(back.replaceAll(".*back after ([0-9.]+) s.*", "$1"));
    assertTrue(down >= 2, "it waited while the server was down, not only for a new connection: " + back);

    Map<String, Integer> finished = new HashMap<>();
    Files.readAllLines(log).stream().filter(l -> l.contains("] finished "))
        .map(l -> l.substring(l.indexOf("] finished ") + 11).strip().split("\\s+")[0])
        .forEach(id -> finished.merge(id, 1, Integer::sum));
    assertEquals(8, finished.size(), out);
    finished.forEach((id, n) -> assertEquals(1, n, id + " finished " + n + " times\n" + out));
    try (RunStore store = PostgresRunStore.open(url)) {
      List<Run> runs = store.list(0, 100);
      assertEquals(8, runs.size());
      for (Run r : runs) {
        assertEquals(RunStatus.FINISHED, r.status(), r.id());
        assertEquals(4, store.metrics(r.id(), List.of("val_loss")).size(), r.id() + ": every epoch committed once");
      }
    }
  }
}
