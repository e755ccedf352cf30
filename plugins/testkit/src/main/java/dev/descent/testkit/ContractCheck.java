package dev.descent.testkit;

import java.util.Objects;
import org.junit.jupiter.api.function.Executable;

/**
 * One named check of a plugin contract. The same list of checks runs as JUnit tests (a contract's
 * {@code @TestFactory}, one dynamic test per check, named like it) and in
 * {@code descent plugins verify}, so a jar that verifies passes its author's contract test and the
 * other way round.
 *
 * @param name the check's name, the same in JUnit reports and in verify's output
 * @param body the assertions; a failure throws (an {@link AssertionError} or any other exception)
 */
public record ContractCheck(String name, Executable body) {

  public ContractCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
  }

  /** The outcome of running a check outside JUnit. */
  public record Result(String name, boolean passed, String message) {}

  /** Runs the check; any exception or assertion error is a failure whose message says what went wrong. */
  public Result run() {
    try {
      body.execute();
      return new Result(name, true, "");
    } catch (AssertionError e) {
      return new Result(name, false, String.valueOf(e.getMessage()));
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
        throw vm;
      }
      return new Result(name, false, "threw " + rootCause(e));
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (caused by " + root + ")";
  }
}
