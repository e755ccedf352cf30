package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.search.RunIndex;
import dev.descent.core.search.RunSearch;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL claims and ends run side by side and are numbered for the search index later
 * ({@link ChangeNumbers}). The race that must never lose a change: a claim that began first but commits
 * last, after the index has already caught up past a change that began after it.
 */
class ChangeOrderTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final LeaseOwner FIRST = new LeaseOwner("host-a", "machine-a", 11, T0.minusSeconds(60));
  private static final LeaseOwner SECOND = new LeaseOwner("host-b", "machine-b", 22, T0.minusSeconds(60));

  @TempDir Path dir;
  private String schema;
  private String location;
  private RunStore claimer;
  private RunStore other;
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final ExecutorService another = Executors.newSingleThreadExecutor();

  @BeforeEach
  void open() throws Exception {
    PostgresRunStoreTest.requireServer();
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    raw(PostgresRunStoreTest.URL, "CREATE SCHEMA " + schema);
    location = PostgresRunStoreTest.URL + "&currentSchema=" + schema;
    claimer = RunStores.open(location, new TestClock(T0));
    other = RunStores.open(location, new TestClock(T0));
  }

  @AfterEach
  void close() throws Exception {
    thread.shutdownNow();
    another.shutdownNow();
    if (claimer != null) {
      claimer.close();
      other.close();
      raw(PostgresRunStoreTest.URL, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void a_claim_that_commits_after_a_later_change_was_indexed_is_still_indexed() throws Exception {
    for (String id : List.of("late", "early")) {
      claimer.enqueue(new NewRun(id, "order", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
    }
    // "late" ran once and stopped, keeping an epoch: claiming it again clears that epoch
    long first = claimer.claim("late", FIRST, T0, Duration.ofSeconds(30)).lease().token();
    assertTrue(claimer.logMetrics("late", first, List.of(new MetricPoint("loss", 1, 0.5)), T0));
    assertTrue(claimer.finish("late", first, RunStatus.STOPPED, Map.of(), "stopped", null, T0));
    long early = other.claim("early", FIRST, T0, Duration.ofSeconds(30)).lease().token();

    try (RunIndex index = RunIndex.open(dir.resolve("index"), other);
        Connection blocker = DriverManager.getConnection("jdbc:" + location);
        Connection watcher = DriverManager.getConnection("jdbc:" + location)) {
      RunSearch search = new RunSearch(index, other);
      assertEquals(List.of("late"), ids(search, "status:stopped"));

      // hold the lock on "late"'s metric rows: the claim below updates the run's row, then waits there
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.executeQuery("SELECT 1 FROM metrics WHERE run_pk = (SELECT pk FROM runs WHERE id = 'late') FOR UPDATE")
            .close();
      }
      Future<Claim> claim = thread.submit(() -> claimer.claim("late", SECOND, T0.plusSeconds(1), Duration.ofSeconds(30)));
      waitUntilBlockedBy(watcher, blocker);

      // a change that began after the claim commits before it, and the index catches up past it
      Future<Boolean> end = another.submit(
          () -> other.finish("early", early, RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(2)));
      assertTrue(end.get(20, TimeUnit.SECONDS), "an end waits for no claim of another cell");
      assertEquals(List.of("early"), ids(search, "status:finished"));
      assertEquals(List.of("late"), ids(search, "status:stopped"), "the claim has not committed yet");

      blocker.commit();
      assertTrue(claim.get(20, TimeUnit.SECONDS).granted());
      assertEquals(List.of("late"), ids(search, "status:running"), "the claim that committed last is indexed");
      assertEquals(List.of(), ids(search, "status:stopped"));
      assertEquals(other.lastSequence(), index.lastIndexedSequence());
    }
  }

  private static List<String> ids(RunSearch search, String query) {
    return search.search(query, "id", 0, 10).ids();
  }

  /** Waits until some backend waits for a lock that {@code blocker}'s backend holds. */
  private static void waitUntilBlockedBy(Connection watcher, Connection blocker) throws Exception {
    int pid;
    try (Statement s = blocker.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    try (PreparedStatement ps = watcher.prepareStatement(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
      ps.setInt(1, pid);
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); System.nanoTime() < deadline; ) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
    }
    throw new AssertionError("the claim never reached the locked metric rows");
  }

  private static void raw(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
