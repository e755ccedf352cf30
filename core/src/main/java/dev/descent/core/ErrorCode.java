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
  INTERNAL(1, 500);

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
}
