package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Existing-only on PostgreSQL: a database without descent's tables is refused and left as it was. */
class PostgresStoreOpeningTest {
  private String schema;
  private String location;
  private final TestClock clock = new TestClock(RunStoreContract.T0);

  @BeforeEach
  void schema() throws Exception {
    PostgresRunStoreTest.requireServer();
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    sql("CREATE SCHEMA " + schema);
    location = PostgresRunStoreTest.URL + "&currentSchema=" + schema;
  }

  @AfterEach
  void drop() throws Exception {
    if (schema != null) {
      sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void sql(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + PostgresRunStoreTest.URL); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private int tables() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + PostgresRunStoreTest.URL); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void existing_only_refuses_a_database_without_descent_tables_and_creates_none() throws Exception {
    DescentException e = assertThrows(DescentException.class,
        () -> RunStores.open(location, clock, OpenMode.EXISTING_ONLY));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("no descent tables") && e.getMessage().contains(schema)
        && e.getMessage().contains("descent run FILE --store"), e.getMessage());
    assertEquals(0, tables());
  }

  @Test
  void create_if_new_creates_the_tables_that_existing_only_then_opens() throws Exception {
    try (RunStore store = RunStores.open(location, clock, OpenMode.CREATE_IF_NEW)) {
      store.create(RunStoreContract.newRun("r1", Instant.EPOCH));
    }
    try (RunStore store = RunStores.open(location, clock, OpenMode.EXISTING_ONLY)) {
      assertEquals(1, store.count());
    }
  }
}
