package dev.descent.core;

/** What kind of failure a {@link DescentException} is, which maps to an exit code and HTTP status. */
public enum ErrorCode {
  /** The user's input (a file, a flag, a query) is wrong: exit 2, HTTP 400. */
  INVALID_INPUT(2, 400),
  /** A named thing does not exist: exit 2, HTTP 404. */
  NOT_FOUND(2, 404),
  /** Plugins clash or cannot be loaded: exit 2, HTTP 500. */
  PLUGIN_CONFLICT(2, 500),
  /** The work itself failed: exit 1, HTTP 500. */
  INTERNAL(1, 500),
  /** The run store's disk is full: writes fail until space is freed, reads go on. Exit 1, HTTP 507. */
  STORE_FULL(1, 507),
  /** The run store is read-only (a read-only mount, a standby server): writes fail, reads go on. Exit 1, HTTP 503. */
  STORE_READ_ONLY(1, 503),
  /** The run store failed or cannot be reached (an I/O error, a lost connection): exit 1, HTTP 503. */
  STORE_UNAVAILABLE(1, 503),
  /** Something of that name or id exists already (an experiment name): exit 2, HTTP 409. */
  ALREADY_EXISTS(2, 409);

  private final int exitCode;
  private final int httpStatus;

  ErrorCode(int exitCode, int httpStatus) {
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }

  public int exitCode() {
    return exitCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether the run store itself failed (rather than the input or the work): a sweep stops at the first
   * such failure instead of failing cell after cell, and the web API answers 507/503 rather than 500.
   */
  public boolean isStoreFailure() {
    return this == STORE_FULL || this == STORE_READ_ONLY || this == STORE_UNAVAILABLE;
  }
}
