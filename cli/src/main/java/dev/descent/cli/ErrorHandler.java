package dev.descent.cli;

import dev.descent.core.DescentException;
import picocli.CommandLine;

/**
 * Turns a {@link DescentException} into its message and exit code, no stack trace: the message
 * already says what failed and how to fix it. Anything else is a bug and shows its trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (ex instanceof DescentException de) {
      cmd.getErr().println("descent: " + de.getMessage());
      return de.code().exitCode();
    }
    cmd.getErr().println("descent: internal error: " + ex);
    ex.printStackTrace(cmd.getErr());
    return 1;
  }
}
