package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL of the {@code mlflow_experiments} table for {@link MlflowRecords}: inserting an experiment with the next
 * id, reading by id or name, and whether descent runs carry a name. Runs inside the caller's transaction.
 */
final class MlflowExperimentRows {
  static final String COLUMNS =
      "id, name, lifecycle, artifact_location, creation_time, last_update_time, tags";

  private final Database db;

  MlflowExperimentRows(Database db) {
    this.db = db;
  }

  long insertExperiment(String name, String artifactLocation, Map<String, String> tags, Instant now)
      throws SQLException {
    long id;
    try (ResultSet rs = db.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM mlflow_experiments").executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    PreparedStatement ps = db.prepare("INSERT INTO mlflow_experiments (" + COLUMNS
        + ") VALUES (?, ?, 'active', ?, ?, ?, ?)");
    ps.setLong(1, id);
    ps.setString(2, name);
    ps.setString(3, artifactLocation == null || artifactLocation.isBlank() ? "mlflow-artifacts:/" + id
        : artifactLocation);
    ps.setLong(4, now.toEpochMilli());
    ps.setLong(5, now.toEpochMilli());
    ps.setString(6, Codec.map(tags == null ? Map.of() : new TreeMap<>(tags)));
    ps.executeUpdate();
    return id;
  }

  MlflowExperiment requireExperiment(long id) throws SQLException {
    return byId(id).orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND, "No Experiment with id=" + id
        + " exists"));
  }

  Optional<MlflowExperiment> byId(long id) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT " + COLUMNS + " FROM mlflow_experiments WHERE id = ?");
    ps.setLong(1, id);
    return experiments(ps).stream().findFirst();
  }

  List<MlflowExperiment> all() throws SQLException {
    return experiments(db.prepare("SELECT " + COLUMNS + " FROM mlflow_experiments ORDER BY id"));
  }

  Optional<MlflowExperiment> byName(String name) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT " + COLUMNS + " FROM mlflow_experiments WHERE name = ?");
    ps.setString(1, name);
    return experiments(ps).stream().findFirst();
  }

  Map<String, Long> idsOf(Collection<String> names) throws SQLException {
    Map<String, Long> ids = new LinkedHashMap<>();
    PreparedStatement ps = db.prepare("SELECT id FROM mlflow_experiments WHERE name = ?");
    for (String name : names) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          ids.put(name, rs.getLong(1));
        }
      }
    }
    return ids;
  }

  boolean runsOf(String experiment) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT 1 FROM runs WHERE experiment = ? LIMIT 1");
    ps.setString(1, experiment);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  static List<MlflowExperiment> experiments(PreparedStatement ps) throws SQLException {
    List<MlflowExperiment> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<String, String> tags = new TreeMap<>();
        Codec.map(rs.getString(7)).forEach((k, v) -> tags.put(k, String.valueOf(v)));
        out.add(new MlflowExperiment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getLong(6), tags));
      }
    }
    return out;
  }
}
