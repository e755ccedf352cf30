package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMlflowRecordsTest extends MlflowRecordsContract {
  @TempDir
  Path dir;

  @Override
  protected RunStore open() {
    return RunStores.open(dir.resolve("store").toString(), clock());
  }

  private long historyRows() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store").resolve("runs.db"));
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM mlflow_metrics")) {
      return r.getLong(1);
    }
  }

  @Test
  void deleting_a_run_deletes_its_mlflow_history_too() throws Exception {
    records.createRun(new NewRun("gone", "mlp", null, Map.of(), Map.of(), Map.of("source", "mlflow"), Set.of(), T0),
        RunStatus.RUNNING);
    records.logBatch("gone", List.of(new LoggedMetric("loss", 2.0, 10, 0), new LoggedMetric("loss", 1.0, 20, 1)),
        Map.of(), Map.of(), T0);
    assertEquals(2, historyRows());
    store.delete("gone");
    assertEquals(0, historyRows(), "no orphaned metric history once its run is gone");
  }
}
