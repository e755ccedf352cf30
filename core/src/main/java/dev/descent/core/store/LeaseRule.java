package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When a cell may be claimed. A cell that never reached an outcome and is not running is free. A
 * running cell is taken over at once when its lease expired, or when its owner is on this machine
 * and that process no longer exists (killed, or its pid reused by another process): a {@code kill -9}
 * followed by a rerun resumes at once, without waiting for the lease. A live owner elsewhere keeps it
 * until its lease runs out: its heartbeat may be late (a GC pause, a slow disk), it is not dead.
 */
final class LeaseRule {
  enum Verdict { FREE, EXPIRED, OWNER_GONE, HELD, ENDED }

  private LeaseRule() {}

  /**
   * @param fallbackLease for a running run without a lease expiry (written before leases): its last
   *     heartbeat plus this
   */
  static Verdict judge(Lease held, String thisMachine, ProcessTable processes, Instant now, Duration fallbackLease) {
    if (held.status() != RunStatus.RUNNING) {
      return held.status().rerunnable() ? Verdict.FREE : Verdict.ENDED;
    }
    if (!now.isBefore(expiry(held, fallbackLease))) {
      return Verdict.EXPIRED;
    }
    LeaseOwner o = held.owner();
    if (o != null && o.machine() != null && o.machine().equals(thisMachine) && !processes.alive(o.pid(), o.processStart())) {
      return Verdict.OWNER_GONE;
    }
    return Verdict.HELD;
  }

  static Instant expiry(Lease held, Duration fallbackLease) {
    if (held.leaseUntil() != null) {
      return held.leaseUntil();
    }
    return held.heartbeat() == null ? Instant.EPOCH : held.heartbeat().plus(fallbackLease);
  }

  /** Why the holder lost the cell, for the run's record and the log. */
  static String why(Verdict v, Lease held, Duration fallbackLease) {
    String who = held.holder() + " (claim " + held.token() + ", last heartbeat " + held.heartbeat() + ")";
    return switch (v) {
      case EXPIRED -> "the lease of " + who + " expired at " + expiry(held, fallbackLease)
          + ": its process was killed, paused or cut off";
      case OWNER_GONE -> "the owner " + who + " no longer exists on this machine: it was killed";
      default -> throw new IllegalArgumentException(v.name());
    };
  }
}
