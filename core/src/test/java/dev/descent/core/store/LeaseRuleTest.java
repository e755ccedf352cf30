package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.LeaseRule.Verdict;
import dev.descent.core.train.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reclaim rule alone: a clock moved by hand and a process table the test decides. */
class LeaseRuleTest {
  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  static final Duration FALLBACK = Duration.ofSeconds(60);
  final TestClock clock = new TestClock(T0);
  final Set<Long> alivePids = new HashSet<>();
  final ProcessTable processes = (pid, started) -> alivePids.contains(pid);
  final LeaseOwner here = new LeaseOwner("h1", "machine-1", 42, T0.minusSeconds(100));
  final LeaseOwner there = new LeaseOwner("h2", "machine-2", 42, T0.minusSeconds(100));

  Lease running(LeaseOwner owner, Instant until) {
    return new Lease("c", RunStatus.RUNNING, 7, owner, until, T0, null);
  }

  Verdict judge(Lease l) {
    return LeaseRule.judge(l, "machine-1", processes, clock.instant(), FALLBACK);
  }

  @Test
  void cells_without_an_outcome_are_free_and_outcomes_are_ended() {
    for (RunStatus s : RunStatus.values()) {
      if (s != RunStatus.RUNNING) {
        Verdict v = judge(new Lease("c", s, 1, there, T0.plusSeconds(30), T0, null));
        assertEquals(s.rerunnable() ? Verdict.FREE : Verdict.ENDED, v, s.label());
      }
    }
  }

  @Test
  void a_live_owner_elsewhere_holds_its_cell_until_the_instant_its_lease_expires() {
    Lease l = running(there, T0.plusSeconds(30));
    assertEquals(Verdict.HELD, judge(l), "pid 42 is not alive here, but pids of another machine mean nothing here");
    clock.advance(Duration.ofMillis(29_999));
    assertEquals(Verdict.HELD, judge(l));
    clock.advance(Duration.ofMillis(1));
    assertEquals(Verdict.EXPIRED, judge(l));
  }

  @Test
  void an_owner_on_this_machine_holds_its_cell_while_its_process_exists_and_loses_it_at_once_when_not() {
    Lease l = running(here, T0.plusSeconds(30));
    alivePids.add(42L);
    assertEquals(Verdict.HELD, judge(l));
    alivePids.clear();
    assertEquals(Verdict.OWNER_GONE, judge(l), "no waiting for the lease when the process is known dead");
    assertTrue(LeaseRule.why(Verdict.OWNER_GONE, l, FALLBACK).contains("h1 pid 42"));
  }

  @Test
  void the_process_table_is_given_the_owners_start_time_so_a_reused_pid_is_not_the_owner() {
    Instant[] asked = new Instant[1];
    ProcessTable table = (pid, started) -> {
      asked[0] = started;
      return false;
    };
    LeaseRule.judge(running(here, T0.plusSeconds(30)), "machine-1", table, T0, FALLBACK);
    assertEquals(here.processStart(), asked[0]);
  }

  @Test
  void a_run_of_an_older_descent_has_its_heartbeat_plus_the_fallback_and_no_owner_to_check() {
    Lease legacy = new Lease("c", RunStatus.RUNNING, 0, null, null, T0, null);
    clock.advance(FALLBACK.minusMillis(1));
    assertEquals(Verdict.HELD, judge(legacy));
    clock.advance(Duration.ofMillis(1));
    assertEquals(Verdict.EXPIRED, judge(legacy));
  }

  @Test
  void the_local_process_table_knows_this_process_and_not_a_reused_pid_or_an_exited_one() throws Exception {
    LeaseOwner self = LeaseOwner.self();
    assertTrue(ProcessTable.LOCAL.alive(self.pid(), self.processStart()));
    assertFalse(ProcessTable.LOCAL.alive(self.pid(), self.processStart().minusSeconds(3600)));
    assertFalse(ProcessTable.LOCAL.alive(RunStoreContract.deadPid(), null));
  }
}
