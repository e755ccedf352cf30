package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one place that turns a failed store write into a message a user can act on: a full disk and a
 * read-only store name their cause ({@code SQLITE_FULL}, SQLSTATE {@code 53100}, {@code No space left on
 * device}) and say what to do, with their own {@link ErrorCode}s so a sweep stops at the first one and
 * the web API answers 507/503. Both leave every committed change in place: a unit of work commits whole or
 * not at all.
 */
public final class StoreFailures {
  private static final String RESUME = " and run the command again: a sweep resumes where it stopped.";

  private StoreFailures() {}

  /** A failed unit of work {@code what} on {@code location}, after {@code attempts} tries. */
  static DescentException of(String location, String what, SQLException e, Dialect dialect, int attempts) {
    String cause = cause(e);
    ErrorCode code = dialect.failure(e);
    if (code == ErrorCode.STORE_UNAVAILABLE && dialect.isRetryable(e)) {
      return new DescentException(code, "Run store " + location + ": " + what + " failed: " + cause
          + ". Another process held the store for too long (" + attempts + " attempts); retry when it is less busy.", e);
    }
    return of(code, location, what, cause, e);
  }

  /** A unit of work {@code what} that waited {@code down} for a lost server, the limit, and gave up. */
  static DescentException outage(String location, String what, SQLException e, java.time.Duration down) {
    return new DescentException(ErrorCode.STORE_UNAVAILABLE, "Run store " + location + ": " + what + " failed: the"
        + " database was unreachable for " + down.toSeconds() + " s (" + cause(e) + "). Nothing committed is lost;"
        + " check that the server runs and is reachable (the wait is set by " + PostgresRunStore.OUTAGE_ENV + ")"
        + RESUME, e);
  }

  /** A file the store keeps beside its database (an artifact) could not be written. */
  public static DescentException ofFile(String location, String what, IOException e) {
    return of(unwritable(String.valueOf(e.getMessage())), location, what, e.toString(), e);
  }

  /**
   * Whether {@code t} was caused by a full disk or a read-only file system (an {@link IOException} saying
   * so, or a store failure with that code): the condition under which reads should go on without writing.
   */
  public static boolean isUnwritableDisk(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DescentException d && (d.code() == ErrorCode.STORE_FULL || d.code() == ErrorCode.STORE_READ_ONLY)) {
        return true;
      }
      if (c instanceof IOException io && unwritable(String.valueOf(io.getMessage())) != ErrorCode.STORE_UNAVAILABLE) {
        return true;
      }
    }
    return false;
  }

  private static ErrorCode unwritable(String message) {
    return message.contains("No space left on device") || message.contains("Disk quota exceeded")
        ? ErrorCode.STORE_FULL
        : message.contains("Read-only file system") ? ErrorCode.STORE_READ_ONLY : ErrorCode.STORE_UNAVAILABLE;
  }

  private static DescentException of(ErrorCode code, String location, String what, String cause, Exception e) {
    String head = "Run store " + location + ": ";
    return switch (code) {
      case STORE_FULL -> new DescentException(code, head + "the store's disk is full (" + cause + ") while " + what
          + ". Nothing committed is lost; free space" + RESUME, e);
      case STORE_READ_ONLY -> new DescentException(code, head + "the store is read-only (" + cause + ") while " + what
          + ". Nothing committed is lost; make it writable again (remount it read-write, check permissions)"
          + RESUME, e);
      default -> new DescentException(code, head + what + " failed: " + cause
          + ". Check that the store is reachable and writable" + RESUME, e);
    };
  }

  /** The driver's message, with PostgreSQL's SQLSTATE, which its message leaves out. */
  static String cause(SQLException e) {
    String message = String.valueOf(e.getMessage()).strip();
    String state = e.getSQLState();
    return state == null || message.contains(state) ? message : message + " [SQLSTATE " + state + "]";
  }

  /** The store failure that ended {@code t}, if one did: it may be wrapped in another failure (a cell's). */
  public static Optional<DescentException> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DescentException d && d.code().isStoreFailure()) {
        return Optional.of(d);
      }
      for (Throwable s : c.getSuppressed()) {
        if (s instanceof DescentException d && d.code().isStoreFailure()) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }
}
