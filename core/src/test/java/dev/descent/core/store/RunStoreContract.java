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

  static NewRun trialCell(String sweep, String id) {
    return new NewRun(id, "search", sweep, Map.of(), Map.of(), Map.of(), Set.of(), T0);
  }

  @Test
  void many_cells_are_queued_at_once_across_batches_and_those_already_there_are_kept() {
    store.enqueue(trialCell("big", "cell-7"));
    store.claim("cell-7", T0);
    List<NewRun> cells = new ArrayList<>();
    for (int i = 0; i < 1203; i++) {
      cells.add(trialCell("big", "cell-" + i));
    }
    assertEquals(1202, store.enqueueAll(cells), "every cell but the one already there");
    assertEquals(1203, store.cellIds("big").size());
    assertEquals(RunStatus.RUNNING, store.get("cell-7").orElseThrow().status(), "kept as it was");
    assertEquals(0, store.enqueueAll(cells), "entering the same cells again adds nothing");
  }

  @Test
  void a_trial_is_entered_only_while_the_sweep_has_room_and_a_trial_already_there_needs_none() {
    store.recordSweep(new SweepInfo("s1", "search", "val_loss", "min", List.of(), T0));
    assertTrue(store.enqueueTrial("s1", List.of(trialCell("s1", "a1"), trialCell("s1", "a2")), 4));
    assertTrue(store.enqueueTrial("s1", List.of(trialCell("s1", "b1"), trialCell("s1", "b2")), 4));
    assertFalse(store.enqueueTrial("s1", List.of(trialCell("s1", "c1"), trialCell("s1", "c2")), 4),
        "4 cells are the search's trials x seeds");
    assertTrue(store.get("c1").isEmpty() && store.get("c2").isEmpty(), "a refused trial leaves nothing");
    assertTrue(store.enqueueTrial("s1", List.of(trialCell("s1", "b1"), trialCell("s1", "b2")), 4),
        "proposed again after a restart: it is there");
    assertEquals(Map.of(RunStatus.QUEUED, 4), store.sweeps().get(0).counts());
  }

  @Test
  void of_two_processes_proposing_a_searchs_last_trial_at_once_exactly_one_enters_it() throws Exception {
    try (RunStore second = RunStores.open(location, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          String sweep = "race" + round;
          store.recordSweep(new SweepInfo(sweep, "search", "val_loss", "min", List.of(), T0));
          store.enqueueTrial(sweep, List.of(trialCell(sweep, sweep + "-first")), 2);
          java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
          Future<Boolean> a = pool.submit(() -> {
            together.await();
            return store.enqueueTrial(sweep, List.of(trialCell(sweep, sweep + "-a")), 2);
          });
          Future<Boolean> b = pool.submit(() -> {
            together.await();
            return second.enqueueTrial(sweep, List.of(trialCell(sweep, sweep + "-b")), 2);
          });
          assertTrue(a.get(60, TimeUnit.SECONDS) ^ b.get(60, TimeUnit.SECONDS), "round " + round + ": exactly one");
          assertEquals(2, store.cellIds(sweep).size(), "round " + round);
        }
      } finally {
        pool.shutdown();
      }
    }
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
  void runs_whose_lease_expired_are_marked_crashed_and_others_left_alone() {
    store.create(newRun("silent", T0));
    store.create(newRun("alive", T0));
    store.create(newRun("done", T0));
    store.finish("done", RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(1));
    assertEquals(T0.plus(LeaseSettings.DEFAULT_LEASE), store.lease("silent").orElseThrow().leaseUntil(),
        "a new run is leased to its creator");
    clock.advance(Duration.ofSeconds(20));
    long token = store.lease("alive").orElseThrow().token();
    assertTrue(store.renew("alive", token, clock.instant(), clock.instant().plus(LeaseSettings.DEFAULT_LEASE)));
    clock.advance(LeaseSettings.DEFAULT_LEASE.minusSeconds(19)); // silent's lease ran out 1 s ago, alive's has 19 s

    long before = store.lastSequence();
    assertEquals(1, store.markOrphansCrashed(clock.instant()));
    Run silent = store.get("silent").orElseThrow();
    assertEquals(RunStatus.CRASHED, silent.status());
    assertEquals(T0, silent.endTime(), "a crashed run ends at its last heartbeat");
    assertTrue(silent.error().contains("lease") && silent.error().contains("expired"), silent.error());
    assertTrue(silent.sequence() > before);
    assertEquals(RunStatus.RUNNING, store.get("alive").orElseThrow().status());
    assertEquals(RunStatus.FINISHED, store.get("done").orElseThrow().status());
    assertEquals(0, store.markOrphansCrashed(clock.instant()));
  }

  @Test
  void opening_the_store_marks_runs_with_expired_leases_crashed() {
    store.create(newRun("r1", T0));
    store.close();
    clock.advance(LeaseSettings.DEFAULT_LEASE.plusSeconds(1));
    store = RunStores.open(location, clock);
    assertEquals(RunStatus.CRASHED, store.get("r1").orElseThrow().status());
  }

  @Test
  void opening_the_store_marks_a_run_crashed_at_once_when_its_process_on_this_machine_is_gone() throws Exception {
    long deadPid = deadPid();
    LeaseOwner dead = new LeaseOwner(LeaseOwner.self().host(), LeaseOwner.self().machine(), deadPid, T0);
    store.enqueue(cell("c1"));
    assertTrue(store.claim("c1", dead, T0, LeaseSettings.DEFAULT_LEASE).granted());
    store.close();
    clock.advance(Duration.ofSeconds(1));
    store = RunStores.open(location, clock);
    Run r = store.get("c1").orElseThrow();
    assertEquals(RunStatus.CRASHED, r.status(), "well within its lease, but its process is gone");
    assertTrue(r.error().contains("pid " + deadPid) && r.error().contains("no longer exists"), r.error());
  }

  static final LeaseOwner ELSEWHERE = new LeaseOwner("other-host", "other-machine", 1, T0.minusSeconds(3600));

  static NewRun cell(String id) {
    return new NewRun(id, "grid", "sweep1", Map.of(), Map.of(), Map.of(), Set.of(), T0);
  }

  /** The pid of a process that has exited. */
  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void a_claim_records_its_owner_and_every_claim_takes_a_larger_fencing_token() {
    store.enqueue(cell("c1"));
    store.enqueue(cell("c2"));
    Claim a = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30));
    Claim b = store.claim("c2", ELSEWHERE, T0, Duration.ofSeconds(30));
    assertTrue(a.granted() && b.granted());
    assertEquals(ELSEWHERE, store.lease("c1").orElseThrow().owner());
    assertEquals(T0.plusSeconds(30), store.lease("c1").orElseThrow().leaseUntil());
    assertNull(a.lease().previousAttempt(), "a first claim follows no attempt");
    assertTrue(b.lease().token() > a.lease().token());
    store.finish("c1", RunStatus.FAILED, Map.of(), "boom", "trace", T0.plusSeconds(1));
    Claim again = store.claim("c1", LeaseOwner.self(), T0.plusSeconds(2), Duration.ofSeconds(30));
    assertTrue(again.granted());
    assertTrue(again.lease().token() > b.lease().token());
    assertEquals("failed: boom", again.lease().previousAttempt());
    assertEquals(LeaseOwner.self(), again.lease().owner());
  }

  @Test
  void of_two_threads_of_one_process_that_read_a_cell_free_in_the_same_millisecond_only_one_claims_it() {
    // both read the row before either writes, as two runners' threads did in CI: same owner, same instant
    store.enqueue(cell("c1"));
    Lease asRead = store.lease("c1").orElseThrow();
    JdbcRunStore jdbc = (JdbcRunStore) store;
    Claim first = jdbc.claim(asRead, LeaseOwner.self(), T0, Duration.ofSeconds(30));
    Claim second = jdbc.claim(asRead, LeaseOwner.self(), T0, Duration.ofSeconds(30));
    assertTrue(first.granted());
    assertEquals(Claim.Kind.HELD, second.kind(), "the cell is the first thread's; running it again runs it twice");
    assertEquals(first.lease().token(), second.lease().token());
  }

  @Test
  void a_cell_held_by_a_live_owner_elsewhere_is_held_until_its_lease_expires_then_taken_over() {
    store.enqueue(cell("c1"));
    long token = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30)).lease().token();
    Claim held = store.claim("c1", LeaseOwner.self(), T0.plusSeconds(10), Duration.ofSeconds(30));
    assertEquals(Claim.Kind.HELD, held.kind());
    assertEquals(ELSEWHERE, held.lease().owner(), "a process elsewhere is never judged by this machine's pids");
    assertTrue(store.renew("c1", token, T0.plusSeconds(20), T0.plusSeconds(50)));
    assertEquals(Claim.Kind.HELD, store.claim("c1", LeaseOwner.self(), T0.plusSeconds(49), Duration.ofSeconds(30)).kind(),
        "the heartbeat extended the lease");
    Claim taken = store.claim("c1", LeaseOwner.self(), T0.plusSeconds(50), Duration.ofSeconds(30));
    assertTrue(taken.granted());
    assertTrue(taken.takeover().contains("expired") && taken.takeover().contains("other-host pid 1"), taken.takeover());
    assertEquals(taken.takeover(), taken.lease().previousAttempt());
    assertEquals(T0.plusSeconds(50), store.get("c1").orElseThrow().startTime(), "the new attempt starts at its claim");
    assertFalse(store.renew("c1", token, T0.plusSeconds(51), T0.plusSeconds(81)), "the old holder's lease is gone");
  }

  @Test
  void a_cell_whose_owner_on_this_machine_is_gone_or_its_pid_reused_is_taken_over_at_once() throws Exception {
    LeaseOwner self = LeaseOwner.self();
    LeaseOwner gone = new LeaseOwner(self.host(), self.machine(), deadPid(), T0);
    LeaseOwner reused = new LeaseOwner(self.host(), self.machine(), self.pid(),
        self.processStart().minus(Duration.ofHours(1)));
    for (LeaseOwner dead : List.of(gone, reused)) {
      String id = "c" + dead.pid() + dead.processStart();
      store.enqueue(cell(id));
      assertTrue(store.claim(id, dead, T0, Duration.ofSeconds(30)).granted());
      Claim c = store.claim(id, self, T0.plusSeconds(1), Duration.ofSeconds(30));
      assertTrue(c.granted(), dead + " still holds it");
      assertTrue(c.takeover().contains("no longer exists"), c.takeover());
    }
    store.enqueue(cell("mine"));
    assertTrue(store.claim("mine", self, T0, Duration.ofSeconds(30)).granted());
    assertEquals(Claim.Kind.HELD, store.claim("mine", self, T0.plusSeconds(1), Duration.ofSeconds(30)).kind(),
        "a live process on this machine keeps its cell");
  }

  @Test
  void writes_under_a_claim_that_was_taken_over_are_refused_and_leave_nothing() {
    store.enqueue(cell("c1"));
    long first = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30)).lease().token();
    assertTrue(store.logMetrics("c1", first, epoch(1, 0.9, 0.5), T0.plusSeconds(1)));
    long second = store.claim("c1", LeaseOwner.self(), T0.plusSeconds(31), Duration.ofSeconds(30)).lease().token();
    assertTrue(second > first);
    assertTrue(store.metrics("c1", List.of()).isEmpty(), "the takeover starts without the old attempt's epochs");

    assertFalse(store.logMetrics("c1", first, epoch(2, 0.8, 0.6), T0.plusSeconds(32)), "a stale epoch");
    assertFalse(store.renew("c1", first, T0.plusSeconds(32), T0.plusSeconds(62)), "a stale heartbeat");
    assertFalse(store.finish("c1", first, RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(33)), "a stale end");
    assertTrue(store.metrics("c1", List.of()).isEmpty(), "nothing of the stale attempt was written");
    assertEquals(RunStatus.RUNNING, store.get("c1").orElseThrow().status());

    assertTrue(store.logMetrics("c1", second, epoch(1, 0.7, 0.7), T0.plusSeconds(34)));
    assertTrue(store.finish("c1", second, RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(35)));
    assertFalse(store.finish("c1", second, RunStatus.FAILED, Map.of(), "late", null, T0.plusSeconds(36)),
        "one end per attempt");
    assertFalse(store.logMetrics("c1", second, epoch(2, 0.6, 0.8), T0.plusSeconds(37)), "no epoch after the end");
    Run done = store.get("c1").orElseThrow();
    assertEquals(RunStatus.FINISHED, done.status());
    assertEquals(T0.plusSeconds(35), done.endTime());
    assertEquals(epoch(1, 0.7, 0.7), store.metrics("c1", List.of("val_loss", "val_accuracy")).stream()
        .sorted(java.util.Comparator.comparing(MetricPoint::key).reversed()).toList(), "only the second attempt's epoch");
  }

  @Test
  void a_finished_cell_is_ended_for_every_claimer() {
    store.enqueue(cell("c1"));
    store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30));
    store.finish("c1", RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(1));
    Claim c = store.claim("c1", LeaseOwner.self(), T0.plusSeconds(100), Duration.ofSeconds(30));
    assertEquals(Claim.Kind.ENDED, c.kind());
    assertEquals(RunStatus.FINISHED, c.status());
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
    undoMigration6();
    dropLeaseColumns();
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
  void a_store_written_at_schema_7_is_migrated_keeping_its_sweeps_without_a_plan_and_records_plans_after()
      throws Exception {
    SweepInfo old = new SweepInfo("s1", "grid", "val_loss", "min", List.of("optimizer"), T0);
    store.recordSweep(old);
    store.close();
    store = null;
    undoMigration8();
    executeRaw(location, "UPDATE schema_version SET version = 7");
    store = RunStores.open(location, clock);
    assertEquals(old, store.sweepInfo("s1").orElseThrow());
    assertNull(store.sweepInfo("s1").orElseThrow().plan(), "a sweep from before schema 8 has no plan");
    SweepInfo planned = new SweepInfo("s2", "search", "val_accuracy", "max", List.of("learning_rate"), T0,
        "{\"document\":{\"search\":{\"method\":\"tpe\"}}}");
    store.recordSweep(planned);
    assertEquals(planned, store.sweepInfo("s2").orElseThrow());
    store.recordSweep(new SweepInfo("s2", "search", "val_accuracy", "max", List.of("learning_rate"), T0, "{}"));
    assertEquals(planned.plan(), store.sweepInfo("s2").orElseThrow().plan(), "the first record of a sweep stays");
  }

  /** Takes the sweeps table back to schema 7, before plans. */
  private void undoMigration8() throws Exception {
    executeRaw(location, "ALTER TABLE sweeps DROP COLUMN plan");
  }

  /** Takes the store back to schema 5, before pending changes (and PostgreSQL's token sequence). */
  private void undoMigration6() throws Exception {
    executeRaw(location, "DROP INDEX runs_pending");
    executeRaw(location, "ALTER TABLE runs DROP COLUMN pending_change");
    dropTokenSequence();
  }

  /** Drops the sequence fencing tokens come from, where the database has one. */
  protected void dropTokenSequence() throws Exception {}

  @Test
  void a_store_written_at_schema_5_is_migrated_and_a_takeover_still_gets_a_larger_token() throws Exception {
    store.enqueue(cell("c1"));
    store.create(newRun("r1", T0));
    long old = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30)).lease().token();
    store.close();
    store = null;
    undoMigration8();
    undoMigration6();
    executeRaw(location, "UPDATE schema_version SET version = 5");
    store = RunStores.open(location, clock);
    Claim takeover = store.claim("c1", LeaseOwner.self(), T0.plusSeconds(31), Duration.ofSeconds(30));
    assertTrue(takeover.granted(), "the lease of the claim made at schema 5 ran out");
    assertTrue(takeover.lease().token() > old, "tokens go on past those given before: " + takeover.lease().token()
        + " after " + old);
    assertFalse(store.finish("c1", old, RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(32)));
    assertEquals(RunStatus.RUNNING, store.get("c1").orElseThrow().status());
  }

  /** Takes the runs table back to schema 4, before leases. */
  private void dropLeaseColumns() throws Exception {
    for (String c : List.of("lease_token", "lease_until", "owner_host", "owner_machine", "owner_pid", "owner_started",
        "previous_attempt")) {
      executeRaw(location, "ALTER TABLE runs DROP COLUMN " + c);
    }
  }

  @Test
  void a_store_written_at_schema_4_gets_leases_and_its_running_runs_keep_60_seconds_from_their_heartbeat()
      throws Exception {
    store.create(newRun("r1", T0));
    store.create(newRun("r2", T0));
    store.finish("r2", RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(5));
    store.close();
    store = null;
    undoMigration8();
    undoMigration6();
    dropLeaseColumns();
    executeRaw(location, "UPDATE schema_version SET version = 4");
    clock.advance(Duration.ofSeconds(59));
    store = RunStores.open(location, clock);
    Lease legacy = store.lease("r1").orElseThrow();
    assertNull(legacy.owner(), "a run of an older descent has no owner");
    assertEquals(T0.plusSeconds(60), legacy.leaseUntil(), "the 60 s staleness it had, as a lease");
    assertEquals(RunStatus.RUNNING, store.get("r1").orElseThrow().status());
    assertNull(store.lease("r2").orElseThrow().leaseUntil(), "ended runs hold no lease");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, store.markOrphansCrashed(clock.instant()));
    store.enqueue(cell("c1"));
    assertTrue(store.claim("c1", LeaseOwner.self(), clock.instant(), Duration.ofSeconds(30)).granted());
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
