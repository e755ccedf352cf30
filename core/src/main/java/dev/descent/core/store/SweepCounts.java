package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.Map;

/** A sweep as the store knows it: its cells (runs with its sweep id) counted by status. */
public record SweepCounts(String sweepId, String experiment, Map<RunStatus, Integer> counts, Instant started,
    Instant lastEnded) {

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
