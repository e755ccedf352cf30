package dev.descent.spi;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link Params#resolve} with every problem found, not just the first. */
public class InvalidParamsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public InvalidParamsException(String subject, List<Problem> problems) {
    super(subject + ": " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each with the parameter's name as its path. */
  public List<Problem> problems() {
    return problems;
  }
}
