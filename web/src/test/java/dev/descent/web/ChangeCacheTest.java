package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.descent.core.store.RunStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeCacheTest {
  final RunStore store = mock(RunStore.class);
  final AtomicInteger computed = new AtomicInteger();

  @Test
  void an_unchanged_store_is_not_read_again_and_a_changed_one_is() {
    ChangeCache<Integer> cache = new ChangeCache<>(store, Duration.ZERO, computed::incrementAndGet);
    when(store.lastSequence()).thenReturn(5L);
    assertEquals(1, cache.get());
    assertEquals(1, cache.get());
    when(store.lastSequence()).thenReturn(6L);
    assertEquals(2, cache.get());
    assertEquals(2, cache.get());
  }

  @Test
  void a_store_that_keeps_changing_is_read_at_most_once_per_staleness() {
    ChangeCache<Integer> cache = new ChangeCache<>(store, Duration.ofHours(1), computed::incrementAndGet);
    when(store.lastSequence()).thenReturn(1L);
    assertEquals(1, cache.get(), "the first request always reads");
    when(store.lastSequence()).thenReturn(2L);
    assertEquals(1, cache.get(), "within the hour the last value is served");
    assertEquals(1, computed.get());
  }
}
