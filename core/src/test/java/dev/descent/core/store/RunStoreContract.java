package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunStore} must do, whatever database is behind it. Extended once per
 * implementation, which says how to get a fresh empty store and how to reach it with raw SQL.
 */
abstract class RunStoreContract {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  /** The location of a new, empty store (a directory or a {@code postgresql://} address). */
  protected abstract String freshLocation() throws Exception;

  /** Runs {@code sql} on the database behind {@code location}, around the store's API. */
  protected abstract void executeRaw(String location, String sql) throws Exception;

  protected final TestClock clock = new TestClock(T0);
  protected String location;
  protected RunStore store;

  @BeforeEach
  void openStore() throws Exception {
    location = freshLocation();
    store = RunStores.open(location, clock);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  static NewRun newRun(String id, Instant start) {
    return new NewRun(id, "fashion-mlp", null, Map.of("epochs", 3L), Map.of("optimizer", "adam"), Map.of(),
        Set.of(), start);
  }

  static List<MetricPoint> epoch(int epoch, double loss, double accuracy) {
    return List.of(new MetricPoint("val_loss", epoch, loss), new MetricPoint("val_accuracy", epoch, accuracy));
  }

  @Test
  void create_then_get_returns_every_field() {
    Map<String, Object> config = Map.of("model", Map.of("layers", List.of(784L, 128L, 10L)), "name", "fashion");
    Map<String, Object> params = Map.of("optimizer", "adam", "learning_rate", 1e-3, "batch_size", 64L,
        "nesterov", true);
    Map<String, Object> provenance = Map.of("jvm", "17.0.9", "plugins", List.of(Map.of("name", "adam",
        "sha256", "ab12")));
    store.create(new NewRun("r1", "fashion-mlp", "sweep-7", config, params, provenance, Set.of("b", "a"), T0));
    store.logMetrics("r1", epoch(1, 0.5, 0.8), T0.plusSeconds(5));
    store.finish("r1", RunStatus.FAILED, Map.of("test_accuracy", 0.81), "boom", "java.lang.X\n\tat y",
        T0.plusSeconds(9));
    store.setNote("r1", "looks odd");

    Run run = store.get("r1").orElseThrow();
    assertEquals("r1", run.id());
    assertEquals("fashion-mlp", run.experiment());
    assertEquals("sweep-7", run.sweepId());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(config, run.config());
    assertEquals(params, run.params());
    assertEquals(provenance, run.provenance());
    assertEquals(T0, run.startTime());
    assertEquals(T0.plusSeconds(9), run.endTime());
    assertEquals(T0.plusSeconds(9), run.heartbeat());
    assertEquals("boom", run.error());
    assertEquals("java.lang.X\n\tat y", run.stackTrace());
    assertEquals(new TreeSet<>(Set.of("a", "b")), run.tags());
    assertEquals("looks odd", run.note());
    assertEquals(new MetricSummary(0.5, 0.5, 0.5, 1, 1), run.summaries().get("val_loss"));
    assertEquals(Map.of("test_accuracy", 0.81), run.test());
    assertEquals(store.lastSequence(), run.sequence());
    assertTrue(store.get("nope").isEmpty());
  }

  @Test
  void new_run_is_running_with_its_start_as_heartbeat() {
    store.create(newRun("r1", T0));
    Run run = store.get("r1").orElseThrow();
    assertEquals(RunStatus.RUNNING, run.status());
    assertEquals(T0, run.heartbeat());
    assertNull(run.endTime());
    assertTrue(run.summaries().isEmpty() && run.test().isEmpty() && run.tags().isEmpty());
  }

  @Test
  void metrics_come_back_by_key_then_epoch_and_filtered_by_key() {
    store.create(newRun("r1", T0));
    store.logMetrics("r1", epoch(2, 0.4, 0.85), T0);
    store.logMetrics("r1", epoch(1, 0.6, 0.7), T0);
    assertEquals(List.of(new MetricPoint("val_accuracy", 1, 0.7), new MetricPoint("val_accuracy", 2, 0.85),
        new MetricPoint("val_loss", 1, 0.6), new MetricPoint("val_loss", 2, 0.4)), store.metrics("r1", List.of()));
    assertEquals(List.of(new MetricPoint("val_loss", 1, 0.6), new MetricPoint("val_loss", 2, 0.4)),
        store.metrics("r1", List.of("val_loss")));
  }

  @Test
  void metrics_of_several_runs_come_back_in_the_given_order_with_missing_runs_left_out() {
    store.create(newRun("a", T0));
    store.create(newRun("b", T0));
    store.create(newRun("empty", T0));
    store.logMetrics("a", epoch(1, 0.6, 0.7), T0);
    store.logMetrics("b", epoch(1, 0.9, 0.5), T0);
    store.logMetrics("b", List.of(new MetricPoint("val_loss", 2, Double.NaN)), T0);

    Map<String, List<MetricPoint>> all = store.metricsOf(List.of("b", "missing", "empty", "a"), List.of());
    assertEquals(List.of("b", "empty", "a"), List.copyOf(all.keySet()));
    assertEquals(store.metrics("a", List.of()), all.get("a"));
    assertEquals(List.of(), all.get("empty"));
    List<MetricPoint> b = all.get("b");
    assertEquals(3, b.size());
    assertTrue(Double.isNaN(b.get(2).value()));

    Map<String, List<MetricPoint>> losses = store.metricsOf(List.of("a", "b"), List.of("val_loss"));
    assertEquals(List.of(new MetricPoint("val_loss", 1, 0.6)), losses.get("a"));
    assertEquals(2, losses.get("b").size());
    assertTrue(store.metricsOf(List.of(), List.of()).isEmpty());
  }

  @Test
  void summaries_keep_last_min_max_and_best_epoch_lowest_for_loss_highest_for_accuracy() {
    store.create(newRun("r1", T0));
    store.logMetrics("r1", epoch(1, 0.9, 0.6), T0);
    store.logMetrics("r1", List.of(new MetricPoint("val_loss", 2, 0.5), new MetricPoint("val_accuracy", 2, 0.7),
        new MetricPoint("val_loss", 3, 0.7), new MetricPoint("val_accuracy", 3, 0.9)), T0);
    Map<String, MetricSummary> s = store.get("r1").orElseThrow().summaries();
    assertEquals(new MetricSummary(0.7, 0.5, 0.9, 2, 3), s.get("val_loss"));
    assertEquals(new MetricSummary(0.9, 0.6, 0.9, 3, 3), s.get("val_accuracy"));
  }

  @Test
  void a_diverged_metric_is_the_last_value_but_never_the_best() {
    store.create(newRun("r1", T0));
    store.logMetrics("r1", List.of(new MetricPoint("train_loss", 1, 0.5)), T0);
    store.logMetrics("r1", List.of(new MetricPoint("train_loss", 2, Double.NaN)), T0);
    MetricSummary s = store.get("r1").orElseThrow().summaries().get("train_loss");
    assertTrue(Double.isNaN(s.last()));
    assertEquals(new MetricSummary(Double.NaN, 0.5, 0.5, 1, 2), s);
    assertTrue(Double.isNaN(store.metrics("r1", List.of("train_loss")).get(1).value()));
  }

  @Test
  void summaries_read_several_runs_in_the_given_order_without_their_large_fields() {
    store.create(newRun("a", T0));
    store.create(newRun("b", T0));
    store.create(newRun("c", T0));
    java.util.List<Run> runs = store.summaries(java.util.List.of("c", "missing", "a"));
    assertEquals(java.util.List.of("c", "a"), runs.stream().map(Run::id).toList());
    assertEquals(store.get("c").orElseThrow().params(), runs.get(0).params());
    assertTrue(runs.get(0).config().isEmpty() && runs.get(0).provenance().isEmpty());
    assertTrue(store.summaries(java.util.List.of()).isEmpty());
  }

  @Test
  void a_sweep_cell_is_queued_once_and_claimed_once_until_it_fails() {
    NewRun cell = new NewRun("cell", "grid", "sweep1", Map.of(), Map.of("optimizer", "sgd"), Map.of(), Set.of(), T0);
    assertTrue(store.enqueue(cell));
    assertFalse(store.enqueue(cell), "a second enqueue keeps the first");
    assertEquals(RunStatus.QUEUED, store.get("cell").orElseThrow().status());
    assertTrue(store.claim("cell", T0.plusSeconds(1)));
    assertFalse(store.claim("cell", T0.plusSeconds(2)), "a running cell cannot be claimed again");
    store.logMetrics("cell", java.util.List.of(new MetricPoint("train_loss", 1, 0.5)), T0.plusSeconds(3));
    store.finish("cell", RunStatus.FAILED, java.util.Map.of(), "boom", "trace", T0.plusSeconds(4));
    assertTrue(store.claim("cell", T0.plusSeconds(5)), "a failed cell is claimed again");
    assertTrue(store.metrics("cell", java.util.List.of()).isEmpty(), "the retry starts without the old metrics");
    store.finish("cell", RunStatus.FINISHED, java.util.Map.of(), null, null, T0.plusSeconds(6));
    assertFalse(store.claim("cell", T0.plusSeconds(7)), "a finished cell never runs again");
    assertEquals(1, store.sweeps().size());
    assertEquals("sweep1", store.sweeps().get(0).sweepId());
    assertEquals(Map.of(RunStatus.FINISHED, 1), store.sweeps().get(0).counts());
  }

  @Test
  void experiments_are_counted_by_name() {
    assertTrue(store.experimentCounts().isEmpty());
    store.create(newRun("a", T0));
    store.create(newRun("b", T0));
    store.create(new NewRun("c", "other", null, Map.of(), Map.of(), Map.of(), Set.of(), T0));
    assertEquals(Map.of("fashion-mlp", 2, "other", 1), store.experimentCounts());
    assertEquals(List.of("fashion-mlp", "other"), List.copyOf(store.experimentCounts().keySet()));
  }

  @Test
  void a_sweep_is_recorded_once_with_its_objective_and_axes() {
    assertTrue(store.sweepInfo("s1").isEmpty());
    SweepInfo first = new SweepInfo("s1", "grid", "test_loss", "min", List.of("optimizer", "learning_rate"), T0);
    store.recordSweep(first);
    store.recordSweep(new SweepInfo("s1", "grid", "val_accuracy", "max", List.of(), T0.plusSeconds(60)));
    assertEquals(first, store.sweepInfo("s1").orElseThrow(), "a rerun keeps the first record");
    assertTrue(store.sweepInfo("s2").isEmpty());
  }

  @Test
  void list_pages_newest_first() {
    for (int i = 0; i < 5; i++) {
      store.create(newRun("r" + i, T0.plusSeconds(i)));
    }
    assertEquals(5, store.count());
    assertEquals(List.of("r4", "r3"), ids(store.list(0, 2)));
    assertEquals(List.of("r2", "r1"), ids(store.list(2, 2)));
    assertEquals(List.of("r0"), ids(store.list(4, 2)));
  }

  @Test
  void tags_and_note_change_and_delete_leaves_a_tombstone() {
    store.create(newRun("r1", T0));
    store.logMetrics("r1", epoch(1, 0.5, 0.8), T0);
    store.addTag("r1", "baseline");
    store.addTag("r1", "baseline");
    store.addTag("r1", "keep");
    store.removeTag("r1", "keep");
    store.setNote("r1", "first try");
    Run run = store.get("r1").orElseThrow();
    assertEquals(new TreeSet<>(Set.of("baseline")), run.tags());
    assertEquals("first try", run.note());

    long before = store.lastSequence();
    assertTrue(store.delete("r1"));
    assertTrue(store.get("r1").isEmpty());
    assertEquals(0, store.count());
    assertEquals(List.of("r1"), store.deletedSince(before));
    assertEquals(List.of(), store.deletedSince(store.lastSequence()));
    assertFalse(store.delete("r1"));
    store.create(newRun("r1", T0));
    assertEquals(List.of(), store.metrics("r1", List.of()), "a recreated id does not inherit metrics");
  }

  @Test
  void every_change_takes_a_new_sequence_and_changed_since_replays_them_in_order() {
    List<Long> seen = new ArrayList<>(List.of(store.lastSequence()));
    store.create(newRun("a", T0));
    seen.add(store.lastSequence());
    store.create(newRun("b", T0));
    seen.add(store.lastSequence());
    store.logMetrics("a", epoch(1, 0.5, 0.8), T0);
    seen.add(store.lastSequence());
    store.addTag("b", "x");
    seen.add(store.lastSequence());
    store.setNote("a", "n");
    seen.add(store.lastSequence());
    store.finish("b", RunStatus.FINISHED, Map.of(), null, null, T0);
    seen.add(store.lastSequence());
    store.delete("b");
    seen.add(store.lastSequence());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) > seen.get(i - 1), "sequence must grow on every change: " + seen);
    }
    long beforeBeat = store.lastSequence();
    store.heartbeat("a", T0.plusSeconds(1));
    assertEquals(beforeBeat, store.lastSequence(), "heartbeats are not searchable and take no sequence");

    List<Run> changed = store.changedSince(seen.get(0), 100);
    assertEquals(List.of("a"), ids(changed));
    assertEquals(seen.get(5), changed.get(0).sequence());
    assertEquals(List.of(), store.changedSince(store.lastSequence(), 100));
    assertEquals(List.of("b"), store.deletedSince(seen.get(0)));
  }

  @Test
  void changed_since_pages_by_limit_without_skipping() {
    for (int i = 0; i < 7; i++) {
      store.create(newRun("r" + i, T0));
    }
    List<String> all = new ArrayList<>();
    long from = 0;
    for (List<Run> page; !(page = store.changedSince(from, 3)).isEmpty(); from = page.get(page.size() - 1).sequence()) {
      all.addAll(ids(page));
    }
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6"), all);
  }

  @Test
  void silent_running_runs_are_marked_crashed_and_others_left_alone() {
    store.create(newRun("silent", T0));
    store.create(newRun("alive", T0));
    store.create(newRun("done", T0));
    store.finish("done", RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(1));
    clock.advance(Duration.ofSeconds(50));
    store.heartbeat("alive", clock.instant());
    clock.advance(RunStores.STALE_AFTER.minusSeconds(39));

    long before = store.lastSequence();
    assertEquals(1, store.markStaleRunsCrashed(clock.instant(), RunStores.STALE_AFTER));
    Run silent = store.get("silent").orElseThrow();
    assertEquals(RunStatus.CRASHED, silent.status());
    assertEquals(T0, silent.endTime(), "a crashed run ends at its last heartbeat");
    assertTrue(silent.error().contains("heartbeat"), silent.error());
    assertTrue(silent.sequence() > before);
    assertEquals(RunStatus.RUNNING, store.get("alive").orElseThrow().status());
    assertEquals(RunStatus.FINISHED, store.get("done").orElseThrow().status());
    assertEquals(0, store.markStaleRunsCrashed(clock.instant(), RunStores.STALE_AFTER));
  }

  @Test
  void opening_the_store_marks_stale_runs_crashed() {
    store.create(newRun("r1", T0));
    store.close();
    clock.advance(RunStores.STALE_AFTER.plusSeconds(1));
    store = RunStores.open(location, clock);
    assertEquals(RunStatus.CRASHED, store.get("r1").orElseThrow().status());
  }

  @Test
  void concurrent_writers_on_two_connections_lose_nothing() throws Exception {
    int threads = 6;
    int runsPerThread = 8;
    int epochs = 10;
    try (RunStore second = RunStores.open(location, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        RunStore target = t % 2 == 0 ? store : second;
        int thread = t;
        done.add(pool.submit(() -> {
          for (int r = 0; r < runsPerThread; r++) {
            String id = "t" + thread + "-r" + r;
            target.create(newRun(id, T0));
            for (int e = 1; e <= epochs; e++) {
              target.logMetrics(id, epoch(e, 1.0 / e, 1 - 1.0 / e), T0);
              target.heartbeat(id, T0);
            }
            target.addTag(id, "t" + thread);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    assertEquals(threads * runsPerThread, store.count());
    List<Run> changed = store.changedSince(0, 10_000);
    assertEquals(threads * runsPerThread, changed.size());
    Set<Long> sequences = new HashSet<>();
    for (Run run : changed) {
      assertTrue(sequences.add(run.sequence()), "sequences are unique");
      assertEquals(2 * epochs, store.metrics(run.id(), List.of()).size(), run.id());
      assertEquals(epochs, run.summaries().get("val_loss").lastEpoch());
    }
  }

  @Test
  void writing_to_an_unknown_run_says_not_found_and_a_duplicate_id_is_refused() {
    DescentException missing = assertThrows(DescentException.class,
        () -> store.logMetrics("ghost", epoch(1, 0.5, 0.5), T0));
    assertEquals(ErrorCode.NOT_FOUND, missing.code());
    assertTrue(missing.getMessage().contains("'ghost'"), missing.getMessage());
    assertThrows(DescentException.class, () -> store.setNote("ghost", "x"));
    store.create(newRun("r1", T0));
    DescentException dup = assertThrows(DescentException.class, () -> store.create(newRun("r1", T0)));
    assertEquals(ErrorCode.INVALID_INPUT, dup.code());
    assertEquals(1, store.count());
  }

  @Test
  void a_store_from_a_newer_descent_is_refused_naming_both_versions() throws Exception {
    store.create(newRun("r1", T0));
    String where = store.location();
    store.close();
    store = null;
    executeRaw(location, "UPDATE schema_version SET version = " + (Schema.CURRENT + 41));
    DescentException e = assertThrows(DescentException.class, () -> RunStores.open(location, clock));
    String m = e.getMessage();
    assertTrue(m.contains("schema version " + (Schema.CURRENT + 41)), m);
    assertTrue(m.contains("up to " + Schema.CURRENT), m);
    assertTrue(m.contains("upgrade descent"), m);
    assertTrue(m.contains(where), m);
    assertFalse(m.contains("password="), m);
  }

  @Test
  void a_store_written_at_schema_2_is_migrated_keeping_its_runs() throws Exception {
    // schema 2 as it was: no sweeps table, the narrow sweep index
    store.create(newRun("r1", T0));
    store.close();
    store = null;
    executeRaw(location, "DROP TABLE sweeps");
    executeRaw(location, "DROP INDEX runs_by_sweep_cover");
    executeRaw(location, "CREATE INDEX runs_by_sweep ON runs (sweep_id, status)");
    executeRaw(location, "UPDATE schema_version SET version = 2");
    store = RunStores.open(location, clock);
    assertEquals(List.of("r1"), ids(store.list(0, 10)));
    SweepInfo sweep = new SweepInfo("s1", "grid", "val_loss", "min", List.of("optimizer"), T0);
    store.recordSweep(sweep);
    assertEquals(sweep, store.sweepInfo("s1").orElseThrow());
    store.enqueue(new NewRun("cell", "grid", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
    assertEquals(1, store.sweeps().get(0).total(), "the sweep list reads the index migration 4 made");
  }

  @Test
  void reopening_a_current_store_keeps_its_runs() {
    store.create(newRun("r1", T0));
    store.close();
    store = RunStores.open(location, clock);
    assertEquals(List.of("r1"), ids(store.list(0, 10)));
  }

  static List<String> ids(List<Run> runs) {
    return runs.stream().map(Run::id).toList();
  }
}
