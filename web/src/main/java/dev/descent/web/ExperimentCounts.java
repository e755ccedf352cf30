package dev.descent.web;

import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Experiment names with their run counts. The store has no query for this, so it pages through every run;
 * the result is kept until the store's change number moves, so polling pages do not rescan an unchanged store.
 */
final class ExperimentCounts {
  private static final int PAGE = 1000;

  private final RunStore store;
  private long sequence = -1;
  private List<Map<String, Object>> cached = List.of();

  ExperimentCounts(RunStore store) {
    this.store = store;
  }

  synchronized List<Map<String, Object>> get() {
    long now = store.lastSequence();
    if (now != sequence) {
      cached = scan();
      sequence = now;
    }
    return cached;
  }

  private List<Map<String, Object>> scan() {
    Map<String, Integer> counts = new TreeMap<>();
    for (int offset = 0; ; offset += PAGE) {
      List<Run> page = store.list(offset, PAGE);
      page.forEach(r -> counts.merge(r.experiment(), 1, Integer::sum));
      if (page.size() < PAGE) {
        break;
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    counts.forEach((name, n) -> out.add(Map.of("name", name, "runs", n)));
    return out;
  }
}
