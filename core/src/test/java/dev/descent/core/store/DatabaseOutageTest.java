package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A unit of work that meets a lost server (SQLSTATE class 08, 57P01) is run again whole until the server is
 * back, and fails with STORE_UNAVAILABLE naming the cause only once the outage limit has passed. The
 * connection is an in-memory SQLite one; the errors are PostgreSQL's, thrown by the work.
 */
class DatabaseOutageTest {
  private static Database database(Duration limit, AtomicInteger connects) throws SQLException {
    return new Database(() -> {
      connects.incrementAndGet();
      return DriverManager.getConnection("jdbc:sqlite::memory:");
    }, Dialect.POSTGRES, "postgresql://db/test", limit);
  }

  @Test
  void work_that_meets_a_restarting_server_runs_again_once_it_is_back() throws Exception {
    AtomicInteger connects = new AtomicInteger();
    AtomicInteger tries = new AtomicInteger();
    try (Database db = database(Duration.ofSeconds(30), connects)) {
      String result = db.transaction("writing epoch 3", d -> {
        if (tries.incrementAndGet() <= 2) {
          throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        }
        return "committed";
      });
      assertEquals("committed", result);
      assertEquals(3, tries.get());
    }
  }

  @Test
  void a_server_gone_past_the_outage_limit_fails_the_work_naming_the_cause() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    try (Database db = database(Duration.ofMillis(400), new AtomicInteger())) {
      DescentException e = assertThrows(DescentException.class, () -> db.transaction("renewing the lease", d -> {
        tries.incrementAndGet();
        throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
      }));
      assertEquals(ErrorCode.STORE_UNAVAILABLE, e.code());
      assertTrue(e.getMessage().contains("renewing the lease") && e.getMessage().contains("refused")
          && e.getMessage().contains("08001") && e.getMessage().contains(PostgresRunStore.OUTAGE_ENV), e.getMessage());
      assertTrue(tries.get() >= 2, "tried again before giving up: " + tries.get());
    }
  }

  @Test
  void an_error_that_is_not_a_lost_server_fails_at_once() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    try (Database db = database(Duration.ofSeconds(30), new AtomicInteger())) {
      DescentException e = assertThrows(DescentException.class, () -> db.transaction("writing", d -> {
        tries.incrementAndGet();
        throw new SQLException("syntax error", "42601");
      }));
      assertEquals(ErrorCode.STORE_UNAVAILABLE, e.code());
      assertEquals(1, tries.get());
    }
  }

  @Test
  void the_outage_limit_comes_from_the_environment_and_refuses_nonsense() {
    assertEquals(Duration.ofSeconds(180), PostgresRunStore.outageLimit(Map.of()));
    assertEquals(Duration.ofSeconds(20), PostgresRunStore.outageLimit(Map.of(PostgresRunStore.OUTAGE_ENV, "20")));
    DescentException e = assertThrows(DescentException.class,
        () -> PostgresRunStore.outageLimit(Map.of(PostgresRunStore.OUTAGE_ENV, "3m")));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
  }
}
