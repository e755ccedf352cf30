package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system of record for runs: SQLite in a store directory by default, PostgreSQL for a team.
 * Every write is one transaction, so a crash loses at most the unit of work in progress and the
 * store stays readable. The search index is derived from it ({@link #changedSince}).
 * Implementations are thread-safe; times are kept to the millisecond. Writes to a run id the store
 * does not have fail with {@link dev.descent.core.ErrorCode#NOT_FOUND}. Open one with
 * {@link RunStores#open}.
 */
public interface RunStore extends AutoCloseable {

  /** Records a new run with status {@code running} and its start time as heartbeat; fails if the id exists. */
  void create(NewRun run);

  /**
   * Appends metric points (typically one epoch's) and refreshes the heartbeat and the run's
   * summaries, in one transaction. A point logged again for the same key and epoch replaces the value.
   */
  void logMetrics(String runId, List<MetricPoint> points, Instant now);

  /**
   * Says the run's process is alive, without extending its lease (holders use {@link #renew}). Not a
   * change for {@link #changedSince}: heartbeats are not searchable.
   */
  void heartbeat(String runId, Instant now);

  /** Ends a run: its final status, test metrics, and the error and stack trace of a failure. */
  void finish(String runId, RunStatus status, Map<String, Double> test, String error, String stackTrace, Instant end);

  /**
   * Fenced {@link #logMetrics(String, List, Instant)}: writes only while the run is running under the claim
   * with fencing {@code token}; false, with nothing written, once another claim took it over or it ended.
   */
  default boolean logMetrics(String runId, long token, List<MetricPoint> points, Instant now) {
    logMetrics(runId, points, now);
    return true;
  }

  /**
   * Fenced {@link #finish(String, RunStatus, Map, String, String, Instant)}: ends the run only while it is
   * running under the claim with fencing {@code token}, so one attempt never ends another's run.
   */
  default boolean finish(String runId, long token, RunStatus status, Map<String, Double> test, String error,
      String stackTrace, Instant end) {
    finish(runId, status, test, error, stackTrace, end);
    return true;
  }

  Optional<Run> get(String id);

  /**
   * Several runs in the order of {@code ids} (missing ones left out) without their config, provenance
   * and stack trace: what tables and search results show, read in one query instead of one per run.
   */
  default List<Run> summaries(List<String> ids) {
    return ids.stream().map(this::get).flatMap(Optional::stream).toList();
  }

  /** The points of the given metric keys (all keys when empty), by key then epoch. */
  List<MetricPoint> metrics(String runId, Collection<String> keys);

  /**
   * The points of several runs (as {@link #metrics(String, Collection)} gives them), keyed by run id in the
   * order of {@code ids}, runs the store does not have left out: what a compare view reads in one query
   * instead of one per run.
   */
  default Map<String, List<MetricPoint>> metricsOf(List<String> ids, Collection<String> keys) {
    Map<String, List<MetricPoint>> out = new java.util.LinkedHashMap<>();
    for (Run run : summaries(ids)) {
      out.put(run.id(), metrics(run.id(), keys));
    }
    return out;
  }

  /** Experiment names with how many runs each has, by name. */
  default java.util.SortedMap<String, Integer> experimentCounts() {
    java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
    for (int offset = 0; ; offset += 1000) {
      List<Run> page = list(offset, 1000);
      page.forEach(r -> counts.merge(r.experiment(), 1, Integer::sum));
      if (page.size() < 1000) {
        return counts;
      }
    }
  }

  /** Runs by start time, newest first. */
  List<Run> list(int offset, int limit);

  long count();

  void addTag(String runId, String tag);

  void removeTag(String runId, String tag);

  void setNote(String runId, String note);

  /** Deletes a run and its metrics; returns false if there was none. */
  boolean delete(String runId);

  /**
   * Marks {@code running} runs whose claim is dead as {@code crashed}: the lease expired, or the owner
   * was a process of this machine that no longer exists ({@link LeaseRule}). Called whenever a descent
   * process opens the store. Returns how many.
   */
  default int markOrphansCrashed(Instant now) {
    throw new UnsupportedOperationException(location() + " keeps no leases");
  }

  /**
   * Runs changed (created, updated) after change number {@code sequence}, in change order, at most
   * {@code limit}. Each change gets its own number and numbers follow commit order, so paging by
   * the last {@link Run#sequence} seen never skips one. A change may get its number only when
   * {@link #lastSequence} is next asked: ask it first.
   */
  List<Run> changedSince(long sequence, int limit);

  /**
   * Ids of runs deleted after change number {@code sequence}, in change order. Apply these before
   * {@link #changedSince} from the same number: an id deleted and created again shows up in both.
   */
  List<String> deletedSince(long sequence);

  /** The store's latest change number, after numbering the committed changes that wait for one. */
  long lastSequence();

  /** Where the store lives, for messages: a directory or a JDBC URL without password. */
  String location();

  /**
   * Sweep ledger: records {@code run} as {@code queued} unless a run with its id exists (a cell of an
   * earlier attempt); returns whether it was added.
   */
  default boolean enqueue(NewRun run) {
    throw new UnsupportedOperationException(location() + " keeps no sweep ledger");
  }

  /**
   * Sweep ledger: {@link #enqueue} for many cells at once, in as few transactions as the store allows (a grid of
   * 10,000 cells is entered in seconds, not one commit per cell); returns how many were added.
   */
  default int enqueueAll(List<NewRun> runs) {
    int added = 0;
    for (NewRun run : runs) {
      added += enqueue(run) ? 1 : 0;
    }
    return added;
  }

  /**
   * Sweep ledger: enters a search's proposed trial (its cells, one per seed) only while sweep {@code sweepId}
   * holds fewer than {@code maxCells} cells with these added, decided under a lock on the sweep's record, so two
   * processes proposing a search's last trial at the same moment enter one of them, never both. Cells already in
   * the store (a trial proposed again after a restart) are left as they are and need no room. Returns whether
   * the trial's cells are all in the store now.
   */
  default boolean enqueueTrial(String sweepId, List<NewRun> cells, int maxCells) {
    throw new UnsupportedOperationException(location() + " keeps no sweep ledger");
  }

  /**
   * Sweep ledger: atomically moves a queued, failed, crashed or stopped run to {@code running} for
   * {@code owner} with a lease of {@code lease} from {@code now} and a new fencing token, clearing the
   * previous attempt's metrics. A running run is taken over the same way when its lease expired or its
   * owner was a process of this machine that is gone; otherwise it is {@link Claim.Kind#HELD}. Finished
   * and diverged runs are {@link Claim.Kind#ENDED}.
   */
  default Claim claim(String runId, LeaseOwner owner, Instant now, Duration lease) {
    throw new UnsupportedOperationException(location() + " keeps no sweep ledger");
  }

  /** {@link #claim(String, LeaseOwner, Instant, Duration)} for this process with the default lease. */
  default boolean claim(String runId, Instant now) {
    return claim(runId, LeaseOwner.self(), now, LeaseSettings.DEFAULT_LEASE).granted();
  }

  /**
   * The heartbeat of a lease holder: extends the lease of the claim with fencing {@code token} to
   * {@code leaseUntil}; false when the claim is no longer current (taken over, or the run ended).
   */
  default boolean renew(String runId, long token, Instant now, Instant leaseUntil) {
    throw new UnsupportedOperationException(location() + " keeps no leases");
  }

  /** The run's current claim (owner, token, expiry); empty for an unknown run. */
  default Optional<Lease> lease(String runId) {
    return Optional.empty();
  }

  /** Sweep ledger: records what a sweep ranks its cells by, unless the store has the sweep already. */
  default void recordSweep(SweepInfo sweep) {
    throw new UnsupportedOperationException(location() + " keeps no sweep ledger");
  }

  /** What the sweep ranks its cells by; empty for an unknown sweep or one run by a descent before schema 3. */
  default Optional<SweepInfo> sweepInfo(String sweepId) {
    return Optional.empty();
  }

  /** Sweep ledger: the ids of a sweep's cells in the order they were entered (the sweep's cell order). */
  default List<String> cellIds(String sweepId) {
    throw new UnsupportedOperationException(location() + " keeps no sweep ledger");
  }

  /** Every sweep with its cells counted by status, most recently started first. */
  default java.util.List<SweepCounts> sweeps() {
    throw new UnsupportedOperationException(location() + " keeps no sweep ledger");
  }

  /** What the MLflow dialect keeps beside the runs, in this store's transactions ({@link MlflowRecords}). */
  default MlflowRecords mlflow() {
    throw new UnsupportedOperationException(location() + " keeps no MLflow records");
  }

  @Override
  void close();
}
