package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store, plus what only a store directory has. */
class SqliteRunStoreTest extends RunStoreContract {
  @TempDir
  Path temp;
  private final AtomicInteger stores = new AtomicInteger();

  @Override
  protected String freshLocation() {
    return temp.resolve("store-" + stores.incrementAndGet()).toString();
  }

  @Override
  protected void executeRaw(String location, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Path.of(location, SqliteRunStore.DB_FILE));
         Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void store_directory_holds_the_database_and_an_artifacts_folder_in_wal_mode() throws Exception {
    assertTrue(Files.isRegularFile(Path.of(location, "runs.db")));
    assertTrue(Files.isDirectory(Path.of(location, "artifacts")));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Path.of(location, "runs.db"));
         ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertEquals("wal", rs.getString(1));
    }
  }

  @Test
  void a_store_path_that_is_a_file_is_refused_with_a_fix() throws Exception {
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
    DescentException e = assertThrows(DescentException.class, () -> RunStores.open(file.toString(), clock));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("--store"), e.getMessage());
  }
}
