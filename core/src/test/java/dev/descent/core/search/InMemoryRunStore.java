package dev.descent.core.search;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run store over maps, with the store's change numbering, so the index can be tested without a database.
 * Only what the index reads is implemented.
 */
final class InMemoryRunStore implements RunStore {
  private final Map<String, Run> runs = new HashMap<>();
  private final Map<String, List<MetricPoint>> histories = new HashMap<>();
  private final TreeMap<Long, String> changes = new TreeMap<>();
  private final TreeMap<Long, String> deletions = new TreeMap<>();
  private long sequence;

  /** Creates or replaces a run, giving it the next change number. */
  synchronized void put(Run run) {
    Run old = runs.get(run.id());
    if (old != null) {
      changes.remove(old.sequence());
    }
    sequence++;
    runs.put(run.id(), Runs.withSequence(run, sequence));
    changes.put(sequence, run.id());
  }

  /** Creates or replaces a run with the per-epoch points of its curves. */
  synchronized void put(Runs run) {
    Run built = run.build();
    histories.put(built.id(), run.history());
    put(built);
  }

  @Override
  public synchronized boolean delete(String runId) {
    Run old = runs.remove(runId);
    if (old == null) {
      return false;
    }
    changes.remove(old.sequence());
    deletions.put(++sequence, runId);
    return true;
  }

  @Override
  public synchronized List<Run> changedSince(long since, int limit) {
    List<Run> page = new ArrayList<>();
    for (String id : changes.tailMap(since, false).values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(runs.get(id));
    }
    return page;
  }

  @Override
  public synchronized List<String> deletedSince(long since) {
    return List.copyOf(deletions.tailMap(since, false).values());
  }

  @Override
  public synchronized long lastSequence() {
    return sequence;
  }

  @Override
  public synchronized Optional<Run> get(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public synchronized long count() {
    return runs.size();
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public void close() {}

  @Override
  public void create(NewRun run) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void logMetrics(String runId, List<MetricPoint> points, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void heartbeat(String runId, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void finish(String runId, RunStatus status, Map<String, Double> test, String error, String stackTrace,
      Instant end) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized List<MetricPoint> metrics(String runId, Collection<String> keys) {
    return histories.getOrDefault(runId, List.of()).stream()
        .filter(p -> keys.isEmpty() || keys.contains(p.key())).toList();
  }

  @Override
  public List<Run> list(int offset, int limit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void addTag(String runId, String tag) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeTag(String runId, String tag) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setNote(String runId, String note) {
    throw new UnsupportedOperationException();
  }

}
