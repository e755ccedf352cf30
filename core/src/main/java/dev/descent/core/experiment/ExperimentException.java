package dev.descent.core.experiment;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.spi.Problem;
import java.util.List;

/**
 * An experiment file with problems, all of them, each with its field path:
 * <pre>
 * experiments/fashion.yaml: 2 problems
 *   model.layers[1].activation: unknown activation 'relu6'; available: ...
 *   training.epochs: missing; an integer &gt;= 1 is required
 * </pre>
 */
public class ExperimentException extends DescentException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public ExperimentException(String source, List<Problem> problems) {
    super(ErrorCode.INVALID_INPUT, format(source, problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String source, List<Problem> problems) {
    StringBuilder sb = new StringBuilder(source).append(": ").append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems");
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
