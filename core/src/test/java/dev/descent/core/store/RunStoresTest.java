package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoresTest {
  @Test
  void store_flag_beats_environment_beats_default() {
    assertEquals("flag", RunStores.resolveLocation("flag", Map.of("DESCENT_STORE", "env")));
    assertEquals("env", RunStores.resolveLocation(null, Map.of("DESCENT_STORE", "env")));
    assertEquals("descent-store", RunStores.resolveLocation(null, Map.of()));
    assertEquals("descent-store", RunStores.resolveLocation(" ", Map.of("DESCENT_STORE", "")));
  }

  @Test
  void anything_but_a_postgresql_address_is_a_sqlite_directory_created_when_missing(@TempDir Path temp) {
    Path dir = temp.resolve("a/b/store");
    try (RunStore store = RunStores.open(dir.toString(), new TestClock(Instant.EPOCH))) {
      assertInstanceOf(SqliteRunStore.class, store);
      assertEquals(dir.toString(), store.location());
    }
    assertTrue(Files.isDirectory(dir.resolve("artifacts")));
  }

  @Test
  void a_lease_spans_several_missed_heartbeats_by_default() {
    assertTrue(LeaseSettings.DEFAULT_LEASE.compareTo(LeaseSettings.DEFAULT_HEARTBEAT.multipliedBy(3)) >= 0);
  }
}
