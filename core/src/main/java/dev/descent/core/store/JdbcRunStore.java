package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@link RunStore} contract written once in SQL both SQLite and PostgreSQL accept; the
 * subclasses only open the connection ({@link Dialect} holds the few differences). Every change
 * gets a {@code sequence} number in commit order, so an index catching up by {@code sequence > n} never
 * skips a change that committed late: at once from the single counter row, whose lock orders its holders,
 * or, for the frequent writes of sweeps on PostgreSQL (claims, epochs, ends), later ({@link ChangeNumbers}).
 */
abstract class JdbcRunStore implements RunStore {
  private static final String UPSERT_METRIC = "INSERT INTO metrics (run_pk, key, epoch, value) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (run_pk, key, epoch) DO UPDATE SET value = excluded.value";

  private static final int ENQUEUE_BATCH = 500;
  private final Database db;
  private final String location;

  JdbcRunStore(Database.Connector connector, Dialect dialect, String location) throws SQLException {
    this(connector, dialect, location, java.time.Duration.ZERO);
  }

  /** {@code outageLimit}: how long store work waits for a lost server ({@link Database}). */
  JdbcRunStore(Database.Connector connector, Dialect dialect, String location, java.time.Duration outageLimit)
      throws SQLException {
    this.location = location;
    this.db = new Database(connector, dialect, location, outageLimit);
    db.transaction("migrating the schema", d -> Schema.migrate(d.connection(), dialect, location));
  }

  @Override
  public void create(NewRun run) {
    db.transaction("creating run " + run.id(), d -> {
      long seq = nextSequence();
      if (pk(run.id()) != null) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + location + " already has a run with id '"
            + run.id() + "'. Run ids must be unique: let descent choose one.");
      }
      RunRows.insert(d, run, RunStatus.RUNNING, seq);
      Leases.own(d, run.id(), LeaseOwner.self(), token(seq),
          run.startTime().plus(LeaseSettings.fromEnvironment().lease()));
      return null;
    });
  }

  @Override
  public void logMetrics(String runId, List<MetricPoint> points, Instant now) {
    logMetrics(runId, null, points, now);
  }

  @Override
  public boolean logMetrics(String runId, long token, List<MetricPoint> points, Instant now) {
    return logMetrics(runId, Long.valueOf(token), points, now);
  }

  /**
   * With a {@code token}, writes nothing unless the run is running under that claim: the run's row is
   * locked first (SQLite: the whole store), which orders this against any takeover, so the epoch lands
   * before the takeover (which then clears it) or is refused, never mixed into the new attempt. The lock
   * also keeps the summaries' read-modify-write from losing a concurrent epoch.
   */
  private boolean logMetrics(String runId, Long token, List<MetricPoint> points, Instant now) {
    return db.transaction("logging " + points.size() + " metric points of run " + runId, d -> {
      ChangeNumbers.Mark change = change();
      long pk;
      Map<String, MetricSummary> summaries;
      PreparedStatement read = d.prepare("SELECT pk, summaries, lease_token, status FROM runs WHERE id = ?"
          + d.dialect().lockRows());
      read.setString(1, runId);
      try (ResultSet rs = read.executeQuery()) {
        if (!rs.next()) {
          throw notFound(runId);
        }
        pk = rs.getLong(1);
        summaries = Codec.summaries(rs.getString(2));
        if (token != null && (rs.getLong(3) != token || !RunStatus.RUNNING.label().equals(rs.getString(4)))) {
          return false;
        }
      }
      PreparedStatement insert = d.prepare(UPSERT_METRIC);
      for (MetricPoint p : points) {
        insert.setLong(1, pk);
        insert.setString(2, p.key());
        insert.setInt(3, p.epoch());
        insert.setDouble(4, p.value());
        insert.addBatch();
      }
      insert.executeBatch();
      Summaries.fold(summaries, points);
      PreparedStatement update = d.prepare("UPDATE runs SET summaries = ?, heartbeat = ?, " + ChangeNumbers.SET
          + " WHERE pk = ?");
      update.setString(1, Codec.summaries(summaries));
      RunRows.setInstant(update, 2, now);
      update.setLong(change.bind(update, 3), pk);
      update.executeUpdate();
      return true;
    });
  }

  /** Heartbeats are not searchable, so they take no sequence number: the index is not woken every 10 s. */
  @Override
  public void heartbeat(String runId, Instant now) {
    db.transaction("heartbeat of run " + runId, d -> {
      PreparedStatement ps = d.prepare("UPDATE runs SET heartbeat = ? WHERE id = ?");
      RunRows.setInstant(ps, 1, now);
      ps.setString(2, runId);
      return requireOne(ps.executeUpdate(), runId);
    });
  }

  @Override
  public void finish(String runId, RunStatus status, Map<String, Double> test, String error, String stackTrace,
      Instant end) {
    finish(runId, null, status, test, error, stackTrace, end);
  }

  @Override
  public boolean finish(String runId, long token, RunStatus status, Map<String, Double> test, String error,
      String stackTrace, Instant end) {
    return finish(runId, Long.valueOf(token), status, test, error, stackTrace, end);
  }

  /** With a {@code token}, ends the run only while it is running under that claim: one end per attempt. */
  private boolean finish(String runId, Long token, RunStatus status, Map<String, Double> test, String error,
      String stackTrace, Instant end) {
    return db.transaction("finishing run " + runId, d -> {
      ChangeNumbers.Mark change = change();
      PreparedStatement ps = d.prepare("UPDATE runs SET status = ?, test = ?, error = ?, stack_trace = ?,"
          + " end_time = ?, heartbeat = ?, " + ChangeNumbers.SET + " WHERE id = ?"
          + (token == null ? "" : " AND lease_token = ? AND status = ?"));
      ps.setString(1, status.label());
      ps.setString(2, Codec.test(test));
      ps.setString(3, error);
      ps.setString(4, stackTrace);
      RunRows.setInstant(ps, 5, end);
      RunRows.setInstant(ps, 6, end);
      int i = change.bind(ps, 7);
      ps.setString(i++, runId);
      if (token != null) {
        ps.setLong(i++, token);
        ps.setString(i, RunStatus.RUNNING.label());
      }
      if (ps.executeUpdate() == 1) {
        return true;
      }
      return endedByThisCall(runId, token, status, end);
    });
  }

  /**
   * Whether a fenced end that changed nothing had in fact committed already: the unit of work is run again
   * after a connection lost between the COMMIT and its reply ({@link Database}), and then finds the run ended
   * under its own token, with its status and end time. That is reported done, not refused as a lost claim.
   */
  private boolean endedByThisCall(String runId, Long token, RunStatus status, Instant end) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT lease_token, status, end_time FROM runs WHERE id = ?");
    ps.setString(1, runId);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw notFound(runId);
      }
      return token != null && end != null && rs.getLong(1) == token && status.label().equals(rs.getString(2))
          && end.toEpochMilli() == rs.getLong(3);
    }
  }

  @Override
  public Optional<Run> get(String id) {
    return db.read("reading run " + id, d -> {
      PreparedStatement ps = d.prepare("SELECT " + RunRows.COLUMNS + " FROM runs WHERE id = ?");
      ps.setString(1, id);
      return RunRows.query(ps).stream().findFirst();
    });
  }

  @Override
  public List<Run> summaries(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.read("reading " + ids.size() + " runs", d -> {
      Map<String, Run> byId = new java.util.HashMap<>();
      for (int from = 0; from < ids.size(); from += 500) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        PreparedStatement ps = d.prepare("SELECT " + RunRows.SUMMARY_COLUMNS + " FROM runs WHERE id IN ("
            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")");
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        RunRows.query(ps).forEach(r -> byId.put(r.id(), r));
      }
      return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    });
  }

  @Override
  public List<MetricPoint> metrics(String runId, Collection<String> keys) {
    List<MetricPoint> points = metricsOf(List.of(runId), keys).get(runId);
    if (points == null) {
      throw notFound(runId);
    }
    return points;
  }

  @Override
  public Map<String, List<MetricPoint>> metricsOf(List<String> ids, Collection<String> keys) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return db.read("reading the metrics of " + ids.size() + " runs", d -> {
      Map<String, List<MetricPoint>> byId = new java.util.HashMap<>();
      String keyFilter = keys.isEmpty() ? "" : " AND key IN (" + "?, ".repeat(keys.size() - 1) + "?)";
      for (int from = 0; from < ids.size(); from += 500) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        // The runs first, so a run without points yet is there with an empty list; then the points by primary
        // key, which needs no sort and no run id on every row (a reindex reads millions of them).
        Map<Long, List<MetricPoint>> byPk = new java.util.LinkedHashMap<>();
        PreparedStatement runs = d.prepare("SELECT pk, id FROM runs WHERE id IN ("
            + "?, ".repeat(chunk.size() - 1) + "?)");
        for (int i = 0; i < chunk.size(); i++) {
          runs.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = runs.executeQuery()) {
          while (rs.next()) {
            List<MetricPoint> points = new ArrayList<>();
            byPk.put(rs.getLong(1), points);
            byId.put(rs.getString(2), points);
          }
        }
        if (byPk.isEmpty()) {
          continue;
        }
        PreparedStatement ps = d.prepare("SELECT run_pk, key, epoch, value FROM metrics WHERE run_pk IN ("
            + "?, ".repeat(byPk.size() - 1) + "?)" + keyFilter + " ORDER BY run_pk, key, epoch");
        int i = 1;
        for (long pk : byPk.keySet()) {
          ps.setLong(i++, pk);
        }
        for (String k : keys) {
          ps.setString(i++, k);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double v = rs.getDouble(4);
            v = rs.wasNull() ? Double.NaN : v; // SQLite stores NaN as NULL
            byPk.get(rs.getLong(1)).add(new MetricPoint(rs.getString(2), rs.getInt(3), v));
          }
        }
      }
      Map<String, List<MetricPoint>> out = new java.util.LinkedHashMap<>();
      ids.stream().filter(byId::containsKey).forEach(id -> out.put(id, byId.get(id)));
      return out;
    });
  }

  @Override
  public java.util.SortedMap<String, Integer> experimentCounts() {
    return db.read("counting runs by experiment", d -> {
      java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
      try (ResultSet rs = d.prepare("SELECT experiment, COUNT(*) FROM runs GROUP BY experiment").executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
      return counts;
    });
  }

  @Override
  public List<Run> list(int offset, int limit) {
    return db.read("listing runs", d -> {
      PreparedStatement ps = d.prepare("SELECT " + RunRows.COLUMNS
          + " FROM runs ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?");
      ps.setInt(1, limit);
      ps.setInt(2, offset);
      return RunRows.query(ps);
    });
  }

  @Override
  public long count() {
    return db.read("counting runs", d -> single(d.prepare("SELECT COUNT(*) FROM runs")));
  }

  @Override
  public void addTag(String runId, String tag) {
    editTags(runId, RunLabels.tag(tag), true);
  }

  @Override
  public void removeTag(String runId, String tag) {
    editTags(runId, tag, false);
  }

  private void editTags(String runId, String tag, boolean add) {
    db.transaction((add ? "tagging" : "untagging") + " run " + runId, d -> {
      long seq = nextSequence();
      PreparedStatement read = d.prepare("SELECT tags FROM runs WHERE id = ?");
      read.setString(1, runId);
      SortedSet<String> tags;
      try (ResultSet rs = read.executeQuery()) {
        if (!rs.next()) {
          throw notFound(runId);
        }
        tags = Codec.tags(rs.getString(1));
      }
      if (add ? tags.add(tag) : tags.remove(tag)) {
        PreparedStatement ps = d.prepare("UPDATE runs SET tags = ?, " + ChangeNumbers.SET + " WHERE id = ?");
        ps.setString(1, Codec.tags(tags));
        ps.setString(new ChangeNumbers.Mark(seq).bind(ps, 2), runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setNote(String runId, String note) {
    String valid = RunLabels.note(note);
    db.transaction("setting the note of run " + runId, d -> {
      long seq = nextSequence();
      PreparedStatement ps = d.prepare("UPDATE runs SET note = ?, " + ChangeNumbers.SET + " WHERE id = ?");
      ps.setString(1, valid);
      ps.setString(new ChangeNumbers.Mark(seq).bind(ps, 2), runId);
      return requireOne(ps.executeUpdate(), runId);
    });
  }

  @Override
  public boolean delete(String runId) {
    return db.transaction("deleting run " + runId, d -> {
      long seq = nextSequence();
      Long pk = pk(runId);
      if (pk == null) {
        return false;
      }
      PreparedStatement metrics = d.prepare("DELETE FROM metrics WHERE run_pk = ?");
      metrics.setLong(1, pk);
      metrics.executeUpdate();
      PreparedStatement history = d.prepare("DELETE FROM mlflow_metrics WHERE run_pk = ?"); // MLflow's full history
      history.setLong(1, pk);
      history.executeUpdate();
      PreparedStatement run = d.prepare("DELETE FROM runs WHERE pk = ?");
      run.setLong(1, pk);
      run.executeUpdate();
      PreparedStatement tomb = d.prepare("INSERT INTO deleted_runs (id, sequence) VALUES (?, ?)");
      tomb.setString(1, runId);
      tomb.setLong(2, seq);
      tomb.executeUpdate();
      return true;
    });
  }

  @Override
  public boolean enqueue(NewRun run) {
    return db.transaction("queueing sweep cell " + run.id(), d -> Ledger.enqueue(d, run, nextSequence()));
  }

  /**
   * In transactions of {@value #ENQUEUE_BATCH} cells: one commit per cell was most of the time to enter a large
   * grid, and a batch that size holds the write lock (SQLite) for milliseconds, not seconds.
   */
  @Override
  public int enqueueAll(List<NewRun> runs) {
    int added = 0;
    for (int from = 0; from < runs.size(); from += ENQUEUE_BATCH) {
      List<NewRun> batch = runs.subList(from, Math.min(runs.size(), from + ENQUEUE_BATCH));
      added += db.transaction("queueing " + batch.size() + " sweep cells", d -> {
        int n = 0;
        for (NewRun run : batch) {
          n += Ledger.enqueue(d, run, nextSequence()) ? 1 : 0;
        }
        return n;
      });
    }
    return added;
  }

  @Override
  public boolean enqueueTrial(String sweepId, List<NewRun> cells, int maxCells) {
    return db.transaction("queueing a trial of sweep " + sweepId,
        d -> Ledger.enqueueTrial(d, sweepId, cells, maxCells, this::nextSequence));
  }

  /**
   * Looks first in a read transaction, which takes no lock: most claim calls of a busy sweep are for cells
   * that ended or are held (every worker walks every cell), and those need no write. Only a cell that looks
   * claimable is claimed, in a write transaction that decides again and updates the row only if it is still
   * as it was read. On PostgreSQL that locks the cell's row alone: the token comes from a sequence and the
   * change is numbered later ({@link ChangeNumbers}), so claims of different cells run side by side.
   */
  @Override
  public Claim claim(String runId, LeaseOwner owner, Instant now, Duration lease) {
    Lease held = db.read("looking at sweep cell " + runId,
        d -> Leases.read(d, runId).orElseThrow(() -> Leases.missing(location, runId)));
    return claim(held, owner, now, lease);
  }

  /**
   * Claims the cell as it was read ({@code held}): when another claimer changed it since, the claim is
   * refused and says who holds it now. Separate from {@link #claim(String, LeaseOwner, Instant, Duration)}
   * so that a test can make two claimers read the same row before either writes.
   */
  Claim claim(Lease held, LeaseOwner owner, Instant now, Duration lease) {
    String runId = held.runId();
    Optional<Claim> refused = Leases.refusal(held, owner, now, lease, ProcessTable.LOCAL);
    if (refused.isPresent()) {
      return refused.get();
    }
    return db.transaction("claiming sweep cell " + runId, d -> {
      ChangeNumbers.Mark change = change();
      return Leases.claim(d, location, held, owner, now, lease, change, token(change.number()), ProcessTable.LOCAL);
    });
  }

  /** Takes no change number, as heartbeats do not: renewing a lease is not a change anyone searches for. */
  @Override
  public boolean renew(String runId, long token, Instant now, Instant leaseUntil) {
    return db.transaction("renewing the lease of run " + runId, d -> Leases.renew(d, runId, token, now, leaseUntil));
  }

  @Override
  public Optional<Lease> lease(String runId) {
    return db.read("reading the lease of run " + runId, d -> Leases.read(d, runId));
  }

  @Override
  public void recordSweep(SweepInfo sweep) {
    db.transaction("recording sweep " + sweep.id(), d -> {
      Ledger.recordSweep(d, sweep);
      return null;
    });
  }

  @Override
  public Optional<SweepInfo> sweepInfo(String sweepId) {
    return db.read("reading sweep " + sweepId, d -> Ledger.sweepInfo(d, sweepId));
  }

  @Override
  public List<String> cellIds(String sweepId) {
    return db.read("reading the cells of sweep " + sweepId, d -> Ledger.cellIds(d, sweepId));
  }

  @Override
  public List<SweepCounts> sweeps() {
    return db.read("listing sweeps", d -> Ledger.sweeps(d));
  }

  @Override
  public int markOrphansCrashed(Instant now) {
    return db.transaction("marking orphaned runs crashed", d -> Leases.markOrphansCrashed(d, now,
        LeaseOwner.self().machine(), ProcessTable.LOCAL, LeaseSettings.DEFAULT_LEASE, this::nextSequence));
  }

  @Override
  public List<Run> changedSince(long sequence, int limit) {
    return db.read("reading changes", d -> {
      PreparedStatement ps = d.prepare("SELECT " + RunRows.COLUMNS
          + " FROM runs WHERE sequence > ? ORDER BY sequence LIMIT ?");
      ps.setLong(1, sequence);
      ps.setInt(2, limit);
      return RunRows.query(ps);
    });
  }

  @Override
  public List<String> deletedSince(long sequence) {
    return db.read("reading deletions", d -> {
      PreparedStatement ps = d.prepare("SELECT id FROM deleted_runs WHERE sequence > ? ORDER BY sequence");
      ps.setLong(1, sequence);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }

  /**
   * Numbers the changes that wait for a number first ({@link ChangeNumbers}): a cheap read when there are
   * none, else one write transaction for all of them.
   */
  @Override
  public long lastSequence() {
    long[] peek = db.read("reading the change counter", ChangeNumbers::peek);
    if (peek[1] == 0) {
      return peek[0];
    }
    return db.transaction("numbering the latest changes", ChangeNumbers::numberPending);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public MlflowRecords mlflow() {
    return new MlflowRecords(db, location);
  }

  @Override
  public void close() {
    db.close();
  }

  /**
   * Takes the next change number. A write that numbers its change takes it first: the counter row's lock,
   * held to commit, then serialises those writers across processes (on PostgreSQL; SQLite's IMMEDIATE
   * transactions already do), so read-modify-writes of tags lose nothing and the counter is always locked
   * before any run row. Claims, epochs and ends on PostgreSQL lock the run's row instead ({@link #change}).
   */
  private long nextSequence() throws SQLException {
    return ChangeNumbers.next(db);
  }

  /** The change a claim, epoch or end makes: numbered now, or later where {@link Dialect#numbersChangesLater}. */
  private ChangeNumbers.Mark change() throws SQLException {
    return db.dialect().numbersChangesLater() ? ChangeNumbers.Mark.LATER : new ChangeNumbers.Mark(nextSequence());
  }

  /** The token to bind for a new claim ({@link Dialect#token}): null where a sequence gives it, else the change number. */
  private Long token(Long sequence) {
    return db.dialect().numbersChangesLater() ? null : sequence;
  }

  private Long pk(String runId) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT pk FROM runs WHERE id = ?");
    ps.setString(1, runId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Void requireOne(int updated, String runId) {
    if (updated == 0) {
      throw notFound(runId);
    }
    return null;
  }

  private DescentException notFound(String runId) {
    return new DescentException(ErrorCode.NOT_FOUND, "Run store " + location + " has no run '" + runId
        + "'. `descent runs list` shows the runs it has.");
  }
}
