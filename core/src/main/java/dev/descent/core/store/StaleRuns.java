package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code running} runs whose process went silent into {@code crashed}: a {@code kill -9}, a power
 * cut or an out-of-memory kill leaves no chance to record the end, so whoever opens the store next does.
 * The run's end time becomes its last heartbeat, the last moment it was known alive.
 */
final class StaleRuns {

  /** Source of change numbers; each crashed run takes its own so the index can page through them. */
  @FunctionalInterface
  interface Sequences {
    long next() throws SQLException;
  }

  private StaleRuns() {}

  static int markCrashed(Database d, Instant now, Duration staleAfter, Sequences sequences) throws SQLException {
    Instant cutoff = now.minus(staleAfter);
    PreparedStatement find = d.prepare("SELECT id, heartbeat FROM runs WHERE status = ? AND heartbeat < ?");
    find.setString(1, RunStatus.RUNNING.label());
    RunRows.setInstant(find, 2, cutoff);
    List<String> ids = new ArrayList<>();
    List<Instant> beats = new ArrayList<>();
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
        beats.add(RunRows.instant(rs, 2));
      }
    }
    PreparedStatement mark = d.prepare("UPDATE runs SET status = ?, end_time = ?, error = ?, sequence = ?"
        + " WHERE id = ? AND status = ?");
    for (int i = 0; i < ids.size(); i++) {
      mark.setString(1, RunStatus.CRASHED.label());
      RunRows.setInstant(mark, 2, beats.get(i));
      mark.setString(3, "No heartbeat since " + beats.get(i) + " (checked at " + now + ", stale after "
          + staleAfter.toSeconds() + " s): the process was killed or its machine stopped.");
      mark.setLong(4, sequences.next());
      mark.setString(5, ids.get(i));
      mark.setString(6, RunStatus.RUNNING.label());
      mark.executeUpdate();
    }
    return ids.size();
  }
}
