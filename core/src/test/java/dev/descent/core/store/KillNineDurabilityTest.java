package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} in the middle of training loses at most the epoch in progress: a child JVM
 * logs epochs into a SQLite store until it is SIGKILLed; the store must then open cleanly, show
 * the run {@code crashed}, and hold every committed epoch whole.
 */
class KillNineDurabilityTest {
  static final int EPOCHS_BEFORE_KILL = 5;
  static final Duration CHILD_DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  @Test
  void killed_run_is_crashed_and_keeps_every_committed_epoch_whole() throws Exception {
    Path dir = temp.resolve("store");
    Files.createDirectories(dir);
    Path log = temp.resolve("child.log");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath(), KillNineChild.class.getName(), dir.toString(), "victim")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int committed;
    try {
      committed = awaitEpochs(dir, child, log);
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

    Clock later = Clock.fixed(Instant.now().plus(LeaseSettings.DEFAULT_LEASE).plusSeconds(30), ZoneOffset.UTC);
    try (RunStore store = RunStores.open(dir.toString(), later)) {
      Run run = store.get("victim").orElseThrow();
      assertEquals(RunStatus.CRASHED, run.status());
      Map<Integer, List<MetricPoint>> byEpoch = store.metrics("victim", List.of()).stream()
          .collect(Collectors.groupingBy(MetricPoint::epoch, TreeMap::new, Collectors.toList()));
      int last = run.summaries().get("val_loss").lastEpoch();
      assertTrue(last >= committed, "epochs seen before the kill are still there: " + last + " < " + committed);
      assertEquals(last, byEpoch.size(), "epochs 1.." + last + " and nothing else: " + byEpoch.keySet());
      byEpoch.forEach((epoch, points) -> {
        assertEquals(KillNineChild.METRICS.size(), points.size(), "epoch " + epoch + " is whole");
        points.forEach(p -> assertEquals(
            KillNineChild.value(epoch, KillNineChild.METRICS.indexOf(p.key())), p.value(), p.toString()));
      });
    }
  }

  /**
   * The test classpath: {@code java.class.path}, which surefire points at the real classpath in its
   * forked JVM, unless it is only surefire's booter jar.
   */
  static String classPath() {
    String cp = System.getProperty("java.class.path");
    String surefire = System.getProperty("surefire.test.class.path");
    return cp.contains("surefirebooter") && surefire != null ? surefire : cp;
  }

  /** Polls the store (bounded in time) until the child has committed enough epochs; returns how many it saw. */
  private static int awaitEpochs(Path dir, Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + CHILD_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        fail("the child exited early with " + child.exitValue() + " (classpath " + classPath() + "):\n"
            + Files.readString(log));
      }
      if (Files.exists(dir.resolve(SqliteRunStore.DB_FILE))) {
        try (RunStore store = SqliteRunStore.open(dir)) {
          MetricSummary s = store.get("victim").map(r -> r.summaries().get("val_loss")).orElse(null);
          if (s != null && s.lastEpoch() >= EPOCHS_BEFORE_KILL) {
            return s.lastEpoch();
          }
        }
      }
      Thread.sleep(100);
    }
    fail("the child committed fewer than " + EPOCHS_BEFORE_KILL + " epochs in " + CHILD_DEADLINE + ":\n"
        + Files.readString(log));
    return 0;
  }
}
