package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL connection killed under the store (a server restart, a failover) costs at most the
 * unit of work that met it: the store replaces the connection and the next reads and writes work.
 */
class PostgresConnectionLossTest {
  private String schema;
  private final TestClock clock = new TestClock(RunStoreContract.T0);

  @AfterEach
  void drop() throws Exception {
    if (schema != null) {
      sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static int sql(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + PostgresRunStoreTest.URL); Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          int n = 0;
          while (rs.next()) {
            n++;
          }
          return n;
        }
      }
      return s.getUpdateCount();
    }
  }

  @Test
  void a_killed_connection_is_replaced_and_the_store_goes_on() throws Exception {
    PostgresRunStoreTest.requireServer();
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    sql("CREATE SCHEMA " + schema);
    String app = "descent-loss-" + schema;
    try (RunStore store = RunStores.open(PostgresRunStoreTest.URL + "&currentSchema=" + schema + "&ApplicationName=" + app,
        clock, OpenMode.CREATE_IF_NEW)) {
      store.create(RunStoreContract.newRun("r1", RunStoreContract.T0));
      assertEquals(1, sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app + "'"));
      try {
        store.logMetrics("r1", RunStoreContract.epoch(1, 0.5, 0.8), clock.instant());
      } catch (DescentException e) { // the unit of work that met the dead connection may fail, clearly
        assertEquals(ErrorCode.STORE_UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("SQLSTATE"), e.getMessage());
        store.logMetrics("r1", RunStoreContract.epoch(1, 0.5, 0.8), clock.instant());
      }
      assertEquals(RunStatus.RUNNING, store.get("r1").orElseThrow().status());
      assertEquals(2, store.metrics("r1", List.of("val_loss", "val_accuracy")).size());
    }
  }
}
