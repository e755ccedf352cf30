package dev.descent.web;

import dev.descent.core.store.RunStore;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value computed from the whole store (the sweep list, the experiment counts), kept until the store changes.
 * While a sweep writes, the store changes every epoch, so a changed store is read again at most once per
 * {@code maxStaleness}: polling pages then cost one scan every few seconds, not one per request per tab.
 */
final class ChangeCache<T> {
  private final RunStore store;
  private final Supplier<T> compute;
  private final long maxStalenessNanos;
  private long sequence = -1;
  private long computedAt;
  private T value;

  ChangeCache(RunStore store, Duration maxStaleness, Supplier<T> compute) {
    this.store = store;
    this.compute = compute;
    this.maxStalenessNanos = maxStaleness.toNanos();
  }

  synchronized T get() {
    long now = System.nanoTime();
    long seq = store.lastSequence();
    if (value == null || (seq != sequence && now - computedAt >= maxStalenessNanos)) {
      value = compute.get();
      sequence = seq;
      computedAt = now;
    }
    return value;
  }
}
