package dev.descent.core;

/**
 * The one exception type descent reports to users: its {@link ErrorCode} decides the CLI exit code
 * and the HTTP status, its message says what failed, the bad value and what is allowed.
 */
public class DescentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public DescentException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public DescentException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
