package dev.descent.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.store.Claim;
import dev.descent.core.store.LeaseOwner;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorder whose claim was taken over while it was paused: its next epoch is refused and stops its
 * training, its end is dropped, and the run stays the new holder's, with only the new holder's epochs.
 */
class RunRecorderFencingTest {
  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  /** No beat fires during the test: the clock is fixed and the writes are the test's. */
  static final LeaseSettings LEASE = new LeaseSettings(Duration.ofSeconds(30), Duration.ofSeconds(10));
  static final LeaseOwner OTHER = new LeaseOwner("other-host", "other-machine", 7, T0);

  @TempDir
  Path dir;

  static EpochMetrics epoch(int n) {
    return new EpochMetrics(n, 1.0 / n, 0.5, 1.0 / n, 0.5, 0.01, 1, 100);
  }

  @Test
  void a_recorder_that_lost_its_claim_writes_nothing_more_and_says_it_abandoned_the_cell() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), clock)) {
      store.enqueue(new NewRun("c1", "grid", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
      Claim mine = store.claim("c1", LeaseOwner.self(), T0, LEASE.lease());
      long refusedBefore = FencedWrites.REFUSED.get();
      try (RunRecorder recorder = RunRecorder.attach(store, "c1", mine.lease().token(), LEASE, clock)) {
        recorder.onEpoch(epoch(1));
        // paused past the lease: another host takes the cell over and records its own first epoch
        Claim theirs = store.claim("c1", OTHER, T0.plus(LEASE.lease()), LEASE.lease());
        assertTrue(theirs.granted());
        assertTrue(store.logMetrics("c1", theirs.lease().token(),
            List.of(new dev.descent.core.store.MetricPoint("val_loss", 1, 0.25)), T0.plusSeconds(31)));

        DescentException e = assertThrows(DescentException.class, () -> recorder.onEpoch(epoch(2)));
        assertTrue(e.getMessage().startsWith("Abandoned: ") && e.getMessage().contains("other-host pid 7"),
            e.getMessage());
        assertTrue(recorder.leaseLost());
        recorder.failed(e);
        assertThrows(DescentException.class, () -> recorder.onEpoch(epoch(3)), "nothing more once lost");
      }
      assertEquals(1, FencedWrites.REFUSED.get() - refusedBefore, "one write was refused; later ones were not tried");
      assertEquals(RunStatus.RUNNING, store.get("c1").orElseThrow().status(), "the end of the lost attempt was dropped");
      assertEquals(List.of(new dev.descent.core.store.MetricPoint("val_loss", 1, 0.25)), store.metrics("c1", List.of()),
          "only the new holder's epoch");
      assertEquals(OTHER, store.lease("c1").orElseThrow().owner());
    }
  }

  @Test
  void a_recorder_whose_claim_holds_writes_its_epochs_and_end() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), clock)) {
      store.enqueue(new NewRun("c1", "grid", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
      Claim mine = store.claim("c1", LeaseOwner.self(), T0, LEASE.lease());
      try (RunRecorder recorder = RunRecorder.attach(store, "c1", mine.lease().token(), LEASE, clock)) {
        recorder.onEpoch(epoch(1));
        recorder.stopped();
        assertFalse(recorder.leaseLost());
      }
      assertEquals(RunStatus.STOPPED, store.get("c1").orElseThrow().status());
      assertEquals(EpochMetrics.NAMES.length, store.metrics("c1", List.of()).size());
    }
  }
}
