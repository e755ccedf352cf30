package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Claim;
import dev.descent.core.store.Lease;
import dev.descent.core.store.LeaseOwner;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep and cells other processes hold: a live holder on another host is waited for (not skipped,
 * not taken over while it renews), its cell taken over only once its lease expired, and Ctrl-C leaves
 * it alone. The other host is a claim made with another machine identity, as {@code DESCENT_HOST_ID}
 * gives one.
 */
class SweepLeaseTest {
  static final LeaseOwner OTHER_HOST = new LeaseOwner("other-host", "other-machine", 1, Instant.now());
  /** Short, so the test waits seconds: the rule is the same at the defaults (see LeaseRuleTest). */
  static final LeaseSettings SHORT = new LeaseSettings(Duration.ofSeconds(2), Duration.ofMillis(300));

  @TempDir
  Path dir;

  static final class Events implements SweepListener {
    final List<String> ids = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final Map<String, Lease> held = new ConcurrentHashMap<>();
    final Map<String, Integer> heldTold = new ConcurrentHashMap<>();
    final Map<String, RunStatus> endedElsewhere = new ConcurrentHashMap<>();
    final Map<String, String> reclaimed = new ConcurrentHashMap<>();
    final CountDownLatch firstHeld = new CountDownLatch(1);

    @Override
    public void onCellStart(Cell cell) {
      ids.add(cell.id());
    }

    @Override
    public void onCellHeld(Cell cell, Lease holder) {
      held.put(cell.id(), holder);
      heldTold.merge(cell.id(), 1, Integer::sum);
      firstHeld.countDown();
    }

    @Override
    public void onCellEndedElsewhere(Cell cell, RunStatus status) {
      endedElsewhere.put(cell.id(), status);
    }

    @Override
    public void onCellReclaimed(Cell cell, String why) {
      reclaimed.put(cell.id(), why);
    }
  }

  private Sweep sweep() {
    return new SweepParser(SweepRunnerTest.PLUGINS).parse(SweepRunnerTest.GRID.formatted("[sgd]"), "grid.yaml", dir);
  }

  /** Enters the cell in the ledger and claims it for the other host, as its worker would. */
  private static Lease claimElsewhere(RunStore store, Sweep s, Cell cell, Duration lease) {
    store.enqueue(new NewRun(cell.id(), s.name(), s.id(), Map.of(), Map.of(), Map.of(), Set.of(), Instant.now()));
    Claim c = store.claim(cell.id(), OTHER_HOST, Instant.now(), lease);
    assertTrue(c.granted());
    return c.lease();
  }

  @Test
  void a_live_holder_elsewhere_is_waited_for_and_a_silent_one_taken_over_only_after_its_lease_expired()
      throws Exception {
    Sweep s = sweep();
    Cell silent = s.cells().get(0);
    Cell working = s.cells().get(1);
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      Lease silentLease = claimElsewhere(store, s, silent, SHORT.lease());
      Lease workingLease = claimElsewhere(store, s, working, SHORT.lease());
      Events events = new Events();
      AtomicReference<Instant> silentUntil = new AtomicReference<>(silentLease.leaseUntil());
      // both holders renew until the sweep has seen them hold their cells; then the silent one goes
      // silent, and the working one renews well past that and finishes its cell
      Thread holder = new Thread(() -> {
        try {
          boolean silentSeen = false;
          for (int i = 0; !silentSeen || i < 12; i++) {
            Thread.sleep(300);
            Instant now = Instant.now();
            store.renew(working.id(), workingLease.token(), now, now.plus(SHORT.lease()));
            silentSeen = silentSeen || events.held.containsKey(silent.id());
            if (!silentSeen && store.renew(silent.id(), silentLease.token(), now, now.plus(SHORT.lease()))) {
              silentUntil.set(now.plus(SHORT.lease()));
            }
            assertTrue(i < 400, "the sweep never waited for the silent cell");
          }
          store.finish(working.id(), RunStatus.FINISHED, Map.of(), null, null, Instant.now());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      holder.start();
      int ran = new SweepRunner(new Trainer(SweepRunnerTest.PLUGINS), store, null, SweepRunnerTest.PLUGINS,
          Clock.systemUTC(), SHORT, LeaseOwner.self()).run(s, null, 2, events);
      holder.join();

      assertEquals(s.cells().size() - 1, ran, "every cell but the one its holder finished");
      for (Cell c : s.cells()) {
        assertEquals(RunStatus.FINISHED, store.get(c.id()).orElseThrow().status(), c.id());
      }
      assertFalse(events.ids.contains(working.id()), "a cell whose holder renews is never taken over");
      assertEquals(RunStatus.FINISHED, events.endedElsewhere.get(working.id()));
      assertEquals(Set.of(silent.id(), working.id()), events.held.keySet());
      assertEquals(1, events.heldTold.get(working.id()), "told once per holder, not at every poll");
      assertEquals(OTHER_HOST, events.held.get(silent.id()).owner());

      Run retaken = store.get(silent.id()).orElseThrow();
      Instant until = silentUntil.get().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      assertFalse(retaken.startTime().isBefore(until),
          "taken over at " + retaken.startTime() + ", before the lease ran out at " + until);
      String why = events.reclaimed.get(silent.id());
      assertTrue(why.contains("expired") && why.contains("other-host pid 1"), why);
      assertEquals(why, store.lease(silent.id()).orElseThrow().previousAttempt(), "the run says why it was retaken");
      assertEquals(LeaseOwner.self(), store.lease(silent.id()).orElseThrow().owner());
    }
  }

  @Test
  void stopping_the_sweep_leaves_a_cell_another_host_holds_alone() throws Exception {
    Sweep s = sweep();
    Cell theirs = s.cells().get(0);
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      Lease lease = claimElsewhere(store, s, theirs, Duration.ofMinutes(5));
      Events events = new Events();
      SweepRunner runner = new SweepRunner(new Trainer(SweepRunnerTest.PLUGINS), store, null, SweepRunnerTest.PLUGINS,
          Clock.systemUTC(), SHORT, LeaseOwner.self());
      Thread sweep = new Thread(() -> runner.run(s, null, 1, events));
      sweep.start();
      assertTrue(events.firstHeld.await(60, TimeUnit.SECONDS), "the held cell was never reported");
      runner.stopAll();
      sweep.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(sweep.isAlive(), "the sweep did not stop");
      Lease after = store.lease(theirs.id()).orElseThrow();
      assertEquals(RunStatus.RUNNING, after.status());
      assertEquals(lease.token(), after.token(), "still the other host's claim");
      assertEquals(List.of(), events.ids.stream().filter(theirs.id()::equals).toList());
    }
  }
}
