package dev.descent.core.sweep;

import dev.descent.core.data.DataException;
import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.DataFit;
import dev.descent.core.experiment.ExperimentException;
import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last check before anything is written to a store: loads each cell's data (once per distinct
 * dataset, through the process-wide cache the cells then train from) and checks what only the data can
 * tell ({@link DataFit}: output units, memory). Any problem refuses the whole file as invalid input
 * (exit code 2), so a sweep or run that cannot start never leaves a {@code failed} run behind.
 */
public final class SweepPreflight {
  private SweepPreflight() {}

  /** Throws an {@link ExperimentException} naming {@code source} when some cell cannot start. */
  public static void check(Sweep sweep, String source) {
    check(sweep, source, 1);
  }

  /** As {@link #check(Sweep, String)} with {@code workers} cells training at once, sharing the memory. */
  public static void check(Sweep sweep, String source, int workers) {
    int concurrent = Math.max(1, Math.min(workers, sweep.cells().size()));
    Map<Problem, List<Cell>> found = new LinkedHashMap<>();
    for (Cell cell : sweep.cells()) {
      List<Problem> problems;
      try {
        DataSplits data = Datasets.load(cell.experiment().dataset());
        problems = DataFit.problems(cell.experiment(), data, concurrent);
      } catch (DataException e) {
        String message = e.getMessage();
        problems = List.of(message.startsWith("dataset") ? new Problem("", message) : new Problem("dataset", message));
      }
      problems.forEach(p -> found.computeIfAbsent(p, k -> new ArrayList<>()).add(cell));
    }
    if (found.isEmpty()) {
      return;
    }
    List<Problem> out = new ArrayList<>();
    int total = sweep.cells().size();
    found.forEach((p, cells) -> out.add(total == 1 || cells.size() == total ? p
        : new Problem(p.path(), p.message() + " (in " + cells.size() + " of " + total + " cells, e.g. cell "
            + cells.get(0).index() + " " + cells.get(0).axisValues() + ")")));
    throw new ExperimentException(source, out);
  }
}
