package dev.descent.core.search.bench;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only copy of a store's runs and their metric histories in memory, in change order. Reindexing from it measures what Lucene costs
 * on its own, apart from reading and decoding rows from the database.
 */
final class SnapshotStore implements RunStore {
  private final List<Run> runs;
  private final Map<String, List<MetricPoint>> histories;
  private final long lastSequence;

  private SnapshotStore(List<Run> runs, Map<String, List<MetricPoint>> histories, long lastSequence) {
    this.runs = runs;
    this.histories = histories;
    this.lastSequence = lastSequence;
  }

  /** Every run of {@code store} with its metric history, read page by page as the index reads them. */
  static SnapshotStore copy(RunStore store) {
    long last = store.lastSequence();
    List<Run> runs = new ArrayList<>();
    Map<String, List<MetricPoint>> histories = new HashMap<>();
    for (List<Run> page = store.changedSince(0, 5_000); !page.isEmpty();
        page = store.changedSince(page.get(page.size() - 1).sequence(), 5_000)) {
      runs.addAll(page);
      histories.putAll(store.metricsOf(page.stream().map(Run::id).toList(), List.of()));
    }
    runs.sort(Comparator.comparingLong(Run::sequence));
    return new SnapshotStore(List.copyOf(runs), histories, last);
  }

  int size() {
    return runs.size();
  }

  @Override
  public List<Run> changedSince(long sequence, int limit) {
    int lo = 0;
    int hi = runs.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (runs.get(mid).sequence() <= sequence) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return runs.subList(lo, Math.min(runs.size(), lo + limit));
  }

  @Override
  public List<String> deletedSince(long sequence) {
    return List.of();
  }

  @Override
  public long lastSequence() {
    return lastSequence;
  }

  @Override
  public long count() {
    return runs.size();
  }

  @Override
  public Optional<Run> get(String id) {
    return runs.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public void close() {}

  @Override
  public void create(NewRun run) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void logMetrics(String runId, List<MetricPoint> points, Instant now) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void heartbeat(String runId, Instant now) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void finish(String runId, RunStatus status, Map<String, Double> test, String error, String stackTrace,
      Instant end) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public List<MetricPoint> metrics(String runId, Collection<String> keys) {
    return histories.getOrDefault(runId, List.of()).stream().filter(p -> keys.isEmpty() || keys.contains(p.key()))
        .toList();
  }

  @Override
  public Map<String, List<MetricPoint>> metricsOf(List<String> ids, Collection<String> keys) {
    Map<String, List<MetricPoint>> out = new HashMap<>();
    ids.forEach(id -> out.put(id, metrics(id, keys)));
    return out;
  }

  @Override
  public List<Run> list(int offset, int limit) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void addTag(String runId, String tag) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void removeTag(String runId, String tag) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setNote(String runId, String note) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public boolean delete(String runId) {
    throw new UnsupportedOperationException("read-only");
  }

}
