package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Claims as leases in the {@code runs} table: who holds a run ({@code owner_*}), until when
 * ({@code lease_until}, pushed on by every heartbeat) and with which fencing token ({@code lease_token}:
 * on PostgreSQL the next value of the sequence {@code lease_tokens}, on SQLite the change number of the
 * claim, so it grows with every claim). A claim or takeover is one UPDATE
 * conditional on the row still being as it was read, so of two processes deciding on one cell at
 * once exactly one wins, on SQLite and PostgreSQL alike; {@link LeaseRule} decides whether it may.
 */
final class Leases {
  static final String COLUMNS = "id, status, lease_token, owner_host, owner_machine, owner_pid, owner_started,"
      + " lease_until, heartbeat, previous_attempt";

  /** Source of change numbers; each write takes its own so the index can page through them. */
  @FunctionalInterface
  interface Sequences {
    long next() throws SQLException;
  }

  private Leases() {}

  static Optional<Lease> read(Database d, String id) throws SQLException {
    PreparedStatement ps = d.prepare("SELECT " + COLUMNS + " FROM runs WHERE id = ?");
    ps.setString(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(map(rs)) : Optional.empty();
    }
  }

  private static Lease map(ResultSet rs) throws SQLException {
    String host = rs.getString(4);
    long pid = rs.getLong(6);
    LeaseOwner owner = rs.wasNull() ? null : new LeaseOwner(host, rs.getString(5), pid, RunRows.instant(rs, 7));
    return new Lease(rs.getString(1), RunStatus.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getLong(3),
        owner, RunRows.instant(rs, 8), RunRows.instant(rs, 9), rs.getString(10));
  }

  /** What {@link LeaseRule} says of claiming {@code held} now: a refusal (ended, held), or empty when it may. */
  static Optional<Claim> refusal(Lease held, LeaseOwner owner, Instant now, Duration lease, ProcessTable processes) {
    return switch (LeaseRule.judge(held, owner.machine(), processes, now, lease)) {
      case ENDED -> Optional.of(new Claim(Claim.Kind.ENDED, held, null));
      case HELD -> Optional.of(new Claim(Claim.Kind.HELD, held, null));
      default -> Optional.empty();
    };
  }

  static DescentException missing(String location, String id) {
    return new DescentException(ErrorCode.NOT_FOUND,
        "Run store " + location + " has no sweep cell '" + id + "' to claim: was it deleted while the sweep ran?");
  }

  /**
   * Claims the cell {@code held} (as read just before, outside this transaction) for {@code owner} if
   * {@link LeaseRule} allows it: one UPDATE that applies only while the row is still as read, so of two
   * claimers exactly one wins, and the loser reads the row again and is told who holds it. Fresh start and
   * heartbeat, the previous attempt's metrics, summaries, test metrics and error cleared, and a line saying
   * how the previous attempt ended kept in {@code previous_attempt}. {@code token} is the new fencing token,
   * or null where the dialect takes it from its sequence ({@link Dialect#token}).
   */
  static Claim claim(Database d, String location, Lease held, LeaseOwner owner, Instant now, Duration lease,
      ChangeNumbers.Mark change, Long token, ProcessTable processes) throws SQLException {
    Optional<Claim> refused = refusal(held, owner, now, lease, processes);
    if (refused.isPresent()) {
      return refused.get();
    }
    LeaseRule.Verdict v = LeaseRule.judge(held, owner.machine(), processes, now, lease);
    String id = held.runId();
    String takeover = v == LeaseRule.Verdict.FREE ? null : LeaseRule.why(v, held, lease);
    PreparedStatement ps = d.prepare("UPDATE runs SET status = ?, start_time = ?, heartbeat = ?, end_time = NULL,"
        + " summaries = '{}', test = '{}', " + ChangeNumbers.SET + ", " + ownerSet(d) + ", previous_attempt ="
        + " COALESCE(?, CASE WHEN status = ? THEN NULL ELSE status || ': ' || COALESCE(error, 'no message') END),"
        + " error = NULL, stack_trace = NULL"
        + " WHERE id = ? AND status = ? AND COALESCE(lease_token, 0) = ? AND COALESCE(lease_until, 0) = ?"
        + " RETURNING " + COLUMNS);
    ps.setString(1, RunStatus.RUNNING.label());
    RunRows.setInstant(ps, 2, now);
    RunRows.setInstant(ps, 3, now);
    int i = setOwner(ps, change.bind(ps, 4), token, now.plus(lease), owner);
    ps.setString(i++, takeover);
    ps.setString(i++, RunStatus.QUEUED.label());
    ps.setString(i++, id);
    setWhereUnchanged(ps, i, held);
    Lease granted;
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        // changed since it was read: say what it is now
        Lease changed = read(d, id).orElseThrow(() -> missing(location, id));
        if (d.rerunAfterLoss() && isThisClaim(changed, owner, token, now, lease)) {
          return new Claim(Claim.Kind.GRANTED, changed, takeover); // committed by the attempt whose reply was lost
        }
        return refusal(changed, owner, now, lease, processes).orElse(new Claim(Claim.Kind.HELD, changed, null));
      }
      granted = map(rs);
    }
    if (held.status() != RunStatus.QUEUED) { // a queued cell never ran: it has no metrics to clear
      PreparedStatement clear = d.prepare("DELETE FROM metrics WHERE run_pk = (SELECT pk FROM runs WHERE id = ?)");
      clear.setString(1, id);
      clear.executeUpdate();
    }
    return new Claim(Claim.Kind.GRANTED, granted, takeover);
  }

  /**
   * Whether {@code found} is the claim this very call made: a unit of work whose COMMIT reached the server but
   * whose reply was lost (the connection dropped) is run again by {@link Database}, and then finds its own
   * claim. It is {@code owner}'s, started at {@code now} with a lease until {@code now + lease}, to the
   * millisecond, and with {@code token} where it was chosen here rather than by the sequence. Asked only on
   * such a rerun ({@link Database#rerunAfterLoss}): two threads of one process claiming one cell in the same
   * millisecond write the same owner and times, and the one that lost must be told the cell is held.
   */
  private static boolean isThisClaim(Lease found, LeaseOwner owner, Long token, Instant now, Duration lease) {
    return found.status() == RunStatus.RUNNING && owner.equals(found.owner())
        && (token == null || token == found.token()) && found.heartbeat() != null
        && found.heartbeat().toEpochMilli() == now.toEpochMilli() && found.leaseUntil() != null
        && found.leaseUntil().toEpochMilli() == now.plus(lease).toEpochMilli();
  }

  /**
   * Gives a run just created by {@code owner} its lease; {@code token} as in {@link #claim} (SQLite: the
   * creation's change number).
   */
  static void own(Database d, String id, LeaseOwner owner, Long token, Instant until) throws SQLException {
    PreparedStatement ps = d.prepare("UPDATE runs SET " + ownerSet(d) + " WHERE id = ?");
    int i = setOwner(ps, 1, token, until, owner);
    ps.setString(i, id);
    ps.executeUpdate();
  }

  /** Heartbeat of the holder of {@code token}: false when the run is no longer its (taken over or ended). */
  static boolean renew(Database d, String id, long token, Instant now, Instant until) throws SQLException {
    PreparedStatement ps = d.prepare("UPDATE runs SET heartbeat = ?, lease_until = ? WHERE id = ? AND lease_token = ?"
        + " AND status = ?");
    RunRows.setInstant(ps, 1, now);
    RunRows.setInstant(ps, 2, until);
    ps.setString(3, id);
    ps.setLong(4, token);
    ps.setString(5, RunStatus.RUNNING.label());
    return ps.executeUpdate() == 1;
  }

  /**
   * Turns {@code running} runs whose claim is dead into {@code crashed}: a {@code kill -9}, a power cut or
   * an out-of-memory kill leaves no chance to record the end, so whoever opens the store next does, by
   * the same rule a claim uses (lease expired, or owner gone from this machine). The run's end time
   * becomes its last heartbeat, the last moment it was known alive.
   */
  static int markOrphansCrashed(Database d, Instant now, String thisMachine, ProcessTable processes,
      Duration fallbackLease, Sequences sequences) throws SQLException {
    PreparedStatement find = d.prepare("SELECT " + COLUMNS + " FROM runs WHERE status = ?");
    find.setString(1, RunStatus.RUNNING.label());
    List<Lease> running = new ArrayList<>();
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next()) {
        running.add(map(rs));
      }
    }
    int marked = 0;
    for (Lease held : running) {
      LeaseRule.Verdict v = LeaseRule.judge(held, thisMachine, processes, now, fallbackLease);
      if (v != LeaseRule.Verdict.EXPIRED && v != LeaseRule.Verdict.OWNER_GONE) {
        continue;
      }
      PreparedStatement mark = d.prepare("UPDATE runs SET status = ?, end_time = ?, error = ?, " + ChangeNumbers.SET
          + " WHERE id = ? AND status = ? AND COALESCE(lease_token, 0) = ? AND COALESCE(lease_until, 0) = ?");
      mark.setString(1, RunStatus.CRASHED.label());
      RunRows.setInstant(mark, 2, held.heartbeat() == null ? now : held.heartbeat());
      mark.setString(3, "Crashed (checked at " + now + "): " + LeaseRule.why(v, held, fallbackLease) + ".");
      int i = new ChangeNumbers.Mark(sequences.next()).bind(mark, 4);
      mark.setString(i++, held.runId());
      setWhereUnchanged(mark, i, held);
      marked += mark.executeUpdate();
    }
    return marked;
  }

  /** The columns {@link #setOwner} binds; the token is the dialect's expression ({@link Dialect#token}). */
  private static String ownerSet(Database d) {
    return "lease_token = " + d.dialect().token() + ", lease_until = ?, owner_host = ?, owner_machine = ?,"
        + " owner_pid = ?, owner_started = ?";
  }

  private static int setOwner(PreparedStatement ps, int i, Long token, Instant until, LeaseOwner owner)
      throws SQLException {
    if (token == null) {
      ps.setNull(i++, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i++, token);
    }
    RunRows.setInstant(ps, i++, until);
    ps.setString(i++, owner.host());
    ps.setString(i++, owner.machine());
    ps.setLong(i++, owner.pid());
    RunRows.setInstant(ps, i++, owner.processStart());
    return i;
  }

  /** Binds {@code status = ? AND token = ? AND lease_until = ?} to the values {@code held} was read with. */
  private static int setWhereUnchanged(PreparedStatement ps, int i, Lease held) throws SQLException {
    ps.setString(i++, held.status().label());
    ps.setLong(i++, held.token());
    if (held.leaseUntil() == null) {
      ps.setLong(i++, 0);
    } else {
      ps.setLong(i++, held.leaseUntil().toEpochMilli());
    }
    return i;
  }

}
