package dev.descent.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Change numbers, which the search index pages by ({@link RunStore#changedSince}): they must follow commit
 * order, or an index that read up to number 11 would never see a change numbered 10 that committed after it.
 * A write that takes its number from the {@code change_counter} row holds that row's lock until it commits,
 * which gives commit order but lets only one such write run at a time.
 *
 * <p>That is too slow for a shared PostgreSQL store with many workers: each sweep cell takes a claim and an
 * end, and with every write queued behind one lock and its own fsync, 32 workers managed ~55 claims a second.
 * So there the hot writes (claims, epochs, ends: {@link Dialect#numbersChangesLater}) take no number; they
 * mark the row {@code pending_change} and lock nothing but the row itself. Whoever next asks for the store's
 * last change number ({@link #last}, which the index does before every catch-up) numbers every pending row
 * that has committed, in one transaction under the counter lock. That transaction's numbers are in commit
 * order with every other holder of the lock, and a pending change that commits after it stays pending for the
 * next one, with a larger number; so no change is ever skipped, however the writes interleave.
 *
 * <p>SQLite admits one writer at a time anyway: there every write still takes its number at once.
 */
final class ChangeNumbers {
  /** The SET clause that records a change: {@code sequence = COALESCE(?, sequence), pending_change = ?}. */
  static final String SET = "sequence = COALESCE(?, sequence), pending_change = ?";

  private ChangeNumbers() {}

  /** A change: numbered now ({@code number}), or left pending for {@link #last} to number. */
  record Mark(Long number) {
    static final Mark LATER = new Mark(null);

    /** Binds the two parameters of {@link ChangeNumbers#SET} from {@code i}; returns the next index. */
    int bind(PreparedStatement ps, int i) throws SQLException {
      if (number == null) {
        ps.setNull(i, Types.BIGINT);
        ps.setInt(i + 1, 1);
      } else {
        ps.setLong(i, number);
        ps.setNull(i + 1, Types.INTEGER);
      }
      return i + 2;
    }
  }

  /** Takes the next number now, holding the counter row's lock to commit. */
  static long next(Database d) throws SQLException {
    return single(d.prepare("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value"));
  }

  /** The last change number and whether committed changes wait for one, in one read. */
  static long[] peek(Database d) throws SQLException {
    try (ResultSet rs = d.prepare("SELECT value, (SELECT COUNT(*) FROM (SELECT 1 FROM runs"
        + " WHERE pending_change IS NOT NULL LIMIT 1) p) FROM change_counter WHERE id = 1").executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /**
   * Numbers every committed pending change, in a write transaction; returns the last change number. The
   * counter row is locked first, as every numbering write does, then each pending row: a row whose claim or
   * end is still in flight is waited for (PostgreSQL then reads its new version), and one whose committed
   * version is not pending is not touched.
   */
  static long numberPending(Database d) throws SQLException {
    long last = single(d.prepare("SELECT value FROM change_counter WHERE id = 1" + d.dialect().lockRows()));
    List<Long> pending = new ArrayList<>();
    try (ResultSet rs = d.prepare("SELECT pk FROM runs WHERE pending_change IS NOT NULL ORDER BY pk"
        + d.dialect().lockRows()).executeQuery()) {
      while (rs.next()) {
        pending.add(rs.getLong(1));
      }
    }
    if (pending.isEmpty()) {
      return last;
    }
    PreparedStatement number = d.prepare("UPDATE runs SET sequence = ?, pending_change = NULL WHERE pk = ?");
    for (long pk : pending) {
      number.setLong(1, ++last);
      number.setLong(2, pk);
      number.addBatch();
    }
    number.executeBatch();
    PreparedStatement counter = d.prepare("UPDATE change_counter SET value = ? WHERE id = 1");
    counter.setLong(1, last);
    counter.executeUpdate();
    return last;
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
