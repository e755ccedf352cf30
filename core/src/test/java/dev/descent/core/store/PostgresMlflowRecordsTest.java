package dev.descent.core.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** {@link MlflowRecordsContract} on the PostgreSQL server of {@code DESCENT_TEST_POSTGRES_URL}, in its own schema. */
class PostgresMlflowRecordsTest extends MlflowRecordsContract {
  private String schema;

  @Override
  protected RunStore open() throws Exception {
    PostgresRunStoreTest.requireServer();
    schema = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    execute("CREATE SCHEMA " + schema);
    return RunStores.open(PostgresRunStoreTest.URL + "&currentSchema=" + schema, clock());
  }

  @AfterEach
  void dropSchema() throws Exception {
    closeStore();
    store = null;
    if (schema != null) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + PostgresRunStoreTest.URL);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
