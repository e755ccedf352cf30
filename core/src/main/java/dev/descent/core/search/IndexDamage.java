package dev.descent.core.search;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;

/**
 * Recognising an index that cannot be read, and setting it aside. The index is derived data, so a damaged
 * one is rebuilt from the store; but it is never deleted: the old directory is renamed beside the new one
 * ({@code index.corrupt-20261130T114512Z}) for whoever wants to know what happened to it.
 */
final class IndexDamage {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private IndexDamage() {}

  /**
   * Whether {@code failure} (or a cause of it) says the index's files are damaged or unreadable by this
   * Lucene: a checksum or format error, a file that ends too soon or is missing. A lock held by another
   * process or a permission problem is not damage: rebuilding would not help.
   */
  static boolean isDamage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CorruptIndexException || t instanceof IndexFormatTooOldException
          || t instanceof IndexFormatTooNewException || t instanceof EOFException
          || t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The first line of what was wrong, for the warning. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (isDamageItself(t)) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return String.valueOf(failure);
  }

  private static boolean isDamageItself(Throwable t) {
    return isDamage(t) && (t.getCause() == null || !isDamage(t.getCause()));
  }

  /**
   * Renames {@code dir} to a sibling {@code <name>.<reason>-<UTC time>} (with a counter if that exists) and
   * returns the new path. The caller holds the index's write lock and has closed its readers.
   */
  static Path moveAside(Path dir, String reason, Clock clock) throws IOException {
    Path absolute = dir.toAbsolutePath();
    String base = absolute.getFileName() + "." + reason + "-" + STAMP.format(clock.instant());
    Path target = absolute.resolveSibling(base);
    for (int i = 2; Files.exists(target); i++) {
      target = absolute.resolveSibling(base + "-" + i);
    }
    return Files.move(absolute, target);
  }
}
