package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a SQLite store directory holds, looked at before anything in it is opened, created or changed,
 * so a store that lost its {@code runs.db} is told apart from a directory where no store ever was. The
 * store marker ({@value #MARKER}, written once a store's tables exist), its search index, its artifact
 * folders or a {@code runs.db-wal} each show that a store was here: opening such a directory without its
 * database is refused in every mode, before the index is opened, so neither the database nor the index
 * is ever rebuilt empty over the runs they held.
 */
record StoreDirectory(Path dir, boolean exists, boolean isDirectory, long databaseBytes, boolean databaseExists,
    long walBytes, boolean marker, long indexFiles, long artifactFolders) {
  static final String MARKER = "descent-store";
  static final String INDEX = "index";
  private static final String MARKER_TEXT = """
      descent run store
      format: 1
      This directory is a descent run store: runs.db (SQLite) holds the runs, index/ their search index,
      artifacts/ their files. descent refuses to open it without runs.db rather than start an empty store
      over the runs it held: restore runs.db from a backup.
      """;

  /** Looks at {@code dir} without changing anything. */
  static StoreDirectory look(Path dir) {
    Path db = dir.resolve(SqliteRunStore.DB_FILE);
    return new StoreDirectory(dir, Files.exists(dir), Files.isDirectory(dir), size(db), Files.exists(db),
        size(dir.resolve(SqliteRunStore.DB_FILE + "-wal")), Files.exists(dir.resolve(MARKER)),
        count(dir.resolve(INDEX), false), count(dir.resolve(SqliteRunStore.ARTIFACTS), true));
  }

  /** Whether a store was here: anything a store leaves but its database. */
  boolean showsAStore() {
    return marker || walBytes > 0 || indexFiles > 0 || artifactFolders > 0;
  }

  /**
   * Refuses what cannot be opened in {@code mode} before any file is touched: a path that is a file, a
   * store that lost its database, and (existing-only) a directory with no store. Returns normally when the
   * database has content (its tables are checked next) or when {@code mode} may create the store.
   */
  void refuseUnusable(OpenMode mode) {
    if (exists && !isDirectory) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + dir + ": this is a file, not a store"
          + " directory. Give --store (or DESCENT_STORE) a directory: an existing store, or a new one for descent run.");
    }
    if (databaseBytes > 0) {
      return;
    }
    if (showsAStore()) {
      throw lost(databaseExists ? SqliteRunStore.DB_FILE + " is empty (0 bytes)" : SqliteRunStore.DB_FILE + " is missing");
    }
    if (mode == OpenMode.EXISTING_ONLY) {
      throw noStore(!exists ? "the directory does not exist" : databaseExists ? SqliteRunStore.DB_FILE
          + " is empty and nothing else shows a store was here" : "it has no " + SqliteRunStore.DB_FILE);
    }
  }

  /** The database opened but has no descent tables: refused unless it is empty and may become a new store. */
  void refuseWithoutSchema(List<String> tables, OpenMode mode) {
    if (!tables.isEmpty()) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + dir + ": " + SqliteRunStore.DB_FILE
          + " is a SQLite database but not a descent store (it has tables " + String.join(", ", tables)
          + " and no schema_version). Give --store a descent store, or a new directory for descent run.");
    }
    if (showsAStore()) {
      throw lost(SqliteRunStore.DB_FILE + " has no descent tables");
    }
    if (mode == OpenMode.EXISTING_ONLY) {
      throw noStore(SqliteRunStore.DB_FILE + " has no descent tables and nothing else shows a store was here");
    }
  }

  private DescentException lost(String what) {
    List<String> left = new ArrayList<>();
    if (marker) {
      left.add("the store marker " + MARKER);
    }
    if (indexFiles > 0) {
      left.add("its search index (" + INDEX + "/, " + indexFiles + " files)");
    }
    if (artifactFolders > 0) {
      left.add(artifactFolders + " artifact folder" + (artifactFolders == 1 ? "" : "s") + " ("
          + SqliteRunStore.ARTIFACTS + "/)");
    }
    if (walBytes > 0) {
      left.add(SqliteRunStore.DB_FILE + "-wal (" + walBytes + " bytes)");
    }
    return new DescentException(ErrorCode.INVALID_INPUT, "Run store " + dir + ": " + what + ", but a store was here:"
        + " the directory still has " + String.join(", ", left) + ". descent will not start a new store over it,"
        + " and has changed nothing. Restore " + SqliteRunStore.DB_FILE + " from a backup (with "
        + SqliteRunStore.DB_FILE + "-wal if you have it), then run the command again; to start afresh, move this"
        + " directory away or give --store a new one.");
  }

  private DescentException noStore(String why) {
    return new DescentException(ErrorCode.NOT_FOUND, "No run store at " + dir + ": " + why + "; nothing was created."
        + " 'descent run FILE --store " + dir + "' creates one; to read an existing store, give its directory"
        + " (or postgresql:// address) with --store or DESCENT_STORE.");
  }

  /** Writes the marker into a store that has its tables and none yet; a store without it still opens. */
  void markIfMissing() {
    if (!marker) {
      try {
        Files.writeString(dir.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
      } catch (IOException e) {
        // the index and artifacts still show the store; the next open tries again
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static long count(Path dir, boolean folders) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> folders ? Files.isDirectory(p) : Files.isRegularFile(p)).count();
    } catch (IOException e) {
      return 1; // unreadable, but there: count it as a sign of a store rather than risk starting over it
    }
  }
}
