package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A store that is new is told apart from one that was lost: only the first may be created, and only on request. */
class StoreOpeningTest {
  @TempDir
  Path temp;
  private final TestClock clock = new TestClock(RunStoreContract.T0);

  /** A store with one run, an index folder with a file, and an artifact folder: what a used store leaves. */
  private Path usedStore() throws Exception {
    Path dir = temp.resolve("store");
    try (RunStore store = RunStores.open(dir.toString(), clock, OpenMode.CREATE_IF_NEW)) {
      store.create(RunStoreContract.newRun("r1", Instant.EPOCH));
    }
    Files.createDirectories(dir.resolve("index"));
    Files.writeString(dir.resolve("index/segments_3"), "lucene");
    Files.createDirectories(dir.resolve("artifacts/r1"));
    Files.writeString(dir.resolve("artifacts/r1/weights.f32"), "w");
    return dir;
  }

  private DescentException refused(Path dir, OpenMode mode) {
    return assertThrows(DescentException.class, () -> RunStores.open(dir.toString(), clock, mode).close());
  }

  @ParameterizedTest
  @EnumSource(OpenMode.class)
  void refuses_store_whose_database_is_empty_and_changes_nothing(OpenMode mode) throws Exception {
    Path dir = usedStore();
    Files.write(dir.resolve("runs.db"), new byte[0]);
    Files.deleteIfExists(dir.resolve("runs.db-wal"));
    List<String> before = Tmpfs.listing(dir);
    DescentException e = refused(dir, mode);
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    String m = e.getMessage();
    assertTrue(m.contains(dir.toString()) && m.contains("runs.db is empty") && m.contains("index/")
        && m.contains("1 artifact folder") && m.contains("backup") && m.contains("will not start a new store"), m);
    assertEquals(before, Tmpfs.listing(dir), "a refusal changes nothing");
  }

  @ParameterizedTest
  @EnumSource(OpenMode.class)
  void refuses_store_whose_database_is_missing_and_creates_nothing(OpenMode mode) throws Exception {
    Path dir = usedStore();
    Files.delete(dir.resolve("runs.db"));
    Files.deleteIfExists(dir.resolve("runs.db-wal"));
    Files.deleteIfExists(dir.resolve("runs.db-shm"));
    List<String> before = Tmpfs.listing(dir);
    DescentException e = refused(dir, mode);
    assertTrue(e.getMessage().contains("runs.db is missing"), e.getMessage());
    assertEquals(before, Tmpfs.listing(dir));
  }

  @Test
  void the_marker_alone_shows_a_store_was_here() throws Exception {
    Path dir = temp.resolve("store");
    RunStores.open(dir.toString(), clock, OpenMode.CREATE_IF_NEW).close();
    assertTrue(Files.readString(dir.resolve(StoreDirectory.MARKER)).contains("format: 1"));
    Files.delete(dir.resolve("runs.db"));
    DescentException e = refused(dir, OpenMode.CREATE_IF_NEW);
    assertTrue(e.getMessage().contains("the store marker descent-store"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("runs.db")));
  }

  @Test
  void a_store_without_a_marker_gets_one_when_opened() throws Exception {
    Path dir = usedStore();
    Files.delete(dir.resolve(StoreDirectory.MARKER));
    RunStores.open(dir.toString(), clock, OpenMode.EXISTING_ONLY).close();
    assertTrue(Files.exists(dir.resolve(StoreDirectory.MARKER)));
  }

  @Test
  void existing_only_refuses_a_directory_that_does_not_exist_and_creates_nothing() {
    Path dir = temp.resolve("nowhere/store");
    DescentException e = refused(dir, OpenMode.EXISTING_ONLY);
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertEquals(2, e.code().exitCode());
    assertTrue(e.getMessage().contains("No run store at " + dir) && e.getMessage().contains("descent run FILE --store"),
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("nowhere")));
  }

  @Test
  void existing_only_refuses_an_empty_directory_and_leaves_it_empty() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("empty"));
    assertEquals(ErrorCode.NOT_FOUND, refused(dir, OpenMode.EXISTING_ONLY).code());
    assertEquals(List.of("/"), Tmpfs.listing(dir));
  }

  @Test
  void create_if_new_makes_a_store_in_a_new_directory_that_existing_only_then_opens() {
    Path dir = temp.resolve("new/store");
    RunStores.open(dir.toString(), clock, OpenMode.CREATE_IF_NEW).close();
    assertTrue(Files.exists(dir.resolve("runs.db")) && Files.exists(dir.resolve(StoreDirectory.MARKER)));
    try (RunStore store = RunStores.open(dir.toString(), clock, OpenMode.EXISTING_ONLY)) {
      assertEquals(0, store.count());
    }
  }

  @Test
  void a_sqlite_database_of_something_else_is_refused() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("other"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id INTEGER)");
    }
    for (OpenMode mode : OpenMode.values()) {
      DescentException e = refused(dir, mode);
      assertTrue(e.getMessage().contains("not a descent store") && e.getMessage().contains("customers"), e.getMessage());
    }
  }

  @Test
  void unknown_url_schemes_are_refused_with_the_forms_descent_accepts() {
    for (String location : List.of("mysql://x", "postgres://h/db", "file:///tmp/s", "sqlite://a")) {
      for (OpenMode mode : OpenMode.values()) {
        DescentException e = assertThrows(DescentException.class, () -> RunStores.open(location, clock, mode));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("directory") && e.getMessage().contains("postgresql://host:port/database"),
            e.getMessage());
      }
    }
    assertFalse(Files.exists(Path.of("mysql:")), "no ./mysql:/x directory");
    assertFalse(Files.exists(Path.of("sqlite:")));
  }
}
