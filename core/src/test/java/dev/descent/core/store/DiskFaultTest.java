package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk or a read-only store fails the writes that meet it with a message naming the cause and
 * the fix, and nothing else: reads go on, committed epochs stay, and writes work again on the same open
 * store once space is back. Real faults on a small tmpfs ({@link Tmpfs}: root, so CI runs them).
 */
class DiskFaultTest {
  @TempDir
  Path temp;
  private final TestClock clock = new TestClock(RunStoreContract.T0);

  private static List<MetricPoint> epoch(int epoch, int keys) {
    List<MetricPoint> points = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      points.add(new MetricPoint("metric_with_a_long_name_" + k, epoch, k * 0.5));
    }
    return points;
  }

  private static Set<Integer> epochs(RunStore store, String runId) {
    return Set.copyOf(store.metrics(runId, List.of("metric_with_a_long_name_0")).stream().map(MetricPoint::epoch).toList());
  }

  @Test
  void disk_full_fails_writes_clearly_reads_go_on_and_writes_resume_once_space_is_freed() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(temp, "2m"); RunStore store = RunStores.open(fs.dir().resolve("s").toString(), clock)) {
      store.create(RunStoreContract.newRun("r1", RunStoreContract.T0));
      store.logMetrics("r1", epoch(1, 10), clock.instant());
      fs.fill(0);
      for (int attempt = 0; attempt < 3; attempt++) { // the same clear failure each time, never a broken connection's
        DescentException e = assertThrows(DescentException.class,
            () -> store.logMetrics("r1", epoch(2, 5000), clock.instant()));
        assertEquals(ErrorCode.STORE_FULL, e.code(), e.getMessage());
        assertEquals(507, e.code().httpStatus());
        assertTrue(e.getMessage().contains("the store's disk is full (") && e.getMessage().contains("SQLITE_FULL")
            && e.getMessage().contains("free space") && e.getMessage().contains(fs.dir().toString()), e.getMessage());
      }
      assertEquals(RunStatus.RUNNING, store.get("r1").orElseThrow().status(), "reads go on");
      assertEquals(Set.of(1), epochs(store, "r1"), "the committed epoch stays; the failed one left nothing");
      assertEquals(1, store.list(0, 10).size());

      fs.resize("64m");
      store.logMetrics("r1", epoch(2, 5000), clock.instant());
      store.finish("r1", RunStatus.FINISHED, Map.of(), null, null, clock.instant());
      assertEquals(Set.of(1, 2), epochs(store, "r1"));
      assertEquals(RunStatus.FINISHED, store.get("r1").orElseThrow().status());
    }
  }

  @Test
  void a_store_on_a_read_only_mount_opens_for_reading_fails_writes_clearly_and_writes_again_once_writable()
      throws Exception {
    try (Tmpfs fs = Tmpfs.mount(temp, "8m")) {
      String location = fs.dir().resolve("s").toString();
      try (Workspace ws = Workspace.open(location, null, clock, OpenMode.CREATE_IF_NEW)) {
        ws.store().create(RunStoreContract.newRun("r1", RunStoreContract.T0));
        ws.store().logMetrics("r1", epoch(1, 10), clock.instant());
        ws.sync();
      }
      fs.readOnly(true); // root ignores chmod: a read-only mount is what makes a store read-only for it
      try (Workspace ws = Workspace.open(location, null, clock, OpenMode.EXISTING_ONLY)) {
        RunStore store = ws.store();
        try {
          for (int attempt = 0; attempt < 2; attempt++) {
            DescentException e = assertThrows(DescentException.class,
                () -> store.logMetrics("r1", epoch(2, 10), clock.instant()));
            assertEquals(ErrorCode.STORE_READ_ONLY, e.code(), e.getMessage());
            assertEquals(503, e.code().httpStatus());
            assertTrue(e.getMessage().contains("the store is read-only (") && e.getMessage().contains("SQLITE_READONLY")
                && e.getMessage().contains("writable"), e.getMessage());
          }
          assertEquals(Set.of(1), epochs(store, "r1"), "reads go on");
          assertEquals(List.of("r1"), ws.search().search("", null, 0, 10).ids(), "searches go on");
        } finally {
          fs.readOnly(false);
        }
        store.logMetrics("r1", epoch(2, 10), clock.instant());
        assertEquals(Set.of(1, 2), epochs(store, "r1"), "the same open store writes once the mount is writable");
      }
    }
  }

  @Test
  void postgresql_disk_full_and_read_only_are_named_by_their_sqlstate() {
    SQLException full = new SQLException("ERROR: could not extend file: No space left on device", "53100");
    DescentException e = StoreFailures.of("postgresql://h/db", "logging 3 metric points of run r1", full, Dialect.POSTGRES, 1);
    assertEquals(ErrorCode.STORE_FULL, e.code());
    assertTrue(e.getMessage().contains("SQLSTATE 53100") && e.getMessage().contains("disk is full"), e.getMessage());
    SQLException ro = new SQLException("ERROR: cannot execute UPDATE in a read-only transaction", "25006");
    assertEquals(ErrorCode.STORE_READ_ONLY, StoreFailures.of("p", "w", ro, Dialect.POSTGRES, 1).code());
    assertEquals(ErrorCode.STORE_UNAVAILABLE, StoreFailures.of("p", "w", new SQLException("x", "08006"), Dialect.POSTGRES, 1).code());
  }

  @Test
  void files_on_a_full_or_read_only_disk_are_named_like_the_database() {
    assertEquals(ErrorCode.STORE_FULL,
        StoreFailures.ofFile("s", "writing", new java.io.IOException("No space left on device")).code());
    assertEquals(ErrorCode.STORE_READ_ONLY,
        StoreFailures.ofFile("s", "writing", new java.nio.file.FileSystemException("/s/a", null, "Read-only file system")).code());
  }
}
