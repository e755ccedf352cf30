package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.DescentException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real PostgreSQL server named by {@code DESCENT_TEST_POSTGRES_URL}; each test
 * gets its own schema. Without a server the tests are skipped locally but fail under {@code CI=true}.
 */
class PostgresRunStoreTest extends RunStoreContract {
  static final String URL = System.getenv("DESCENT_TEST_POSTGRES_URL");
  private final List<String> schemas = new ArrayList<>();

  /** Called before each test (from {@link #freshLocation}) so every test reports the skip and its reason. */
  static void requireServer() {
    assumeTrue(URL != null || "true".equals(System.getenv("CI")),
        "PostgreSQL run store tests skipped: DESCENT_TEST_POSTGRES_URL is not set. Install the Debian package"
            + " postgresql and run: eval \"$(.ci/postgres.sh)\"");
    assertNotNull(URL, "CI=true but DESCENT_TEST_POSTGRES_URL is not set: .ci/run must eval \"$(.ci/postgres.sh)\"");
  }

  @Override
  protected String freshLocation() throws Exception {
    requireServer();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    executeRaw(URL, "CREATE SCHEMA " + schema);
    schemas.add(schema);
    return URL + "&currentSchema=" + schema;
  }

  @Override
  protected void executeRaw(String location, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + location); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  protected void dropTokenSequence() throws Exception {
    executeRaw(location, "DROP SEQUENCE lease_tokens");
  }

  @AfterEach
  void dropSchemas() throws Exception {
    closeStore();
    for (String schema : schemas) {
      executeRaw(URL, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void location_and_errors_never_show_the_password() {
    String password = URL.replaceAll(".*[?&]password=([^&]*).*", "$1");
    assertFalse(store.location().contains(password), store.location());
    assertTrue(store.location().startsWith("postgresql://"), store.location());
    String wrong = URL.replace("password=" + password, "password=wrong-" + password);
    DescentException e = assertThrows(DescentException.class, () -> RunStores.open(wrong, clock));
    assertFalse(e.getMessage().contains(password), e.getMessage());
    assertTrue(e.getMessage().contains("password"), "the fix names what to check: " + e.getMessage());
  }

  @Test
  void jdbc_url_rewrites_batched_inserts() {
    assertEquals("jdbc:postgresql://h:5432/d?user=u&reWriteBatchedInserts=true",
        PostgresRunStore.jdbcUrl("postgresql://h:5432/d?user=u"));
    assertEquals("postgresql://h/d?user=u&currentSchema=s",
        PostgresRunStore.redact("postgresql://h/d?user=u&password=p&currentSchema=s"));
    assertEquals("postgresql://h/d?user=u", PostgresRunStore.redact("postgresql://h/d?user=u&password=p"));
  }
}
