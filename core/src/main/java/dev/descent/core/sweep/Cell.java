package dev.descent.core.sweep;

import dev.descent.core.experiment.Experiment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: a validated experiment and the grid values that made it.
 *
 * @param id deterministic (see {@link CellIds}); the key a run store records the cell under
 * @param index position in the expansion, from 0: optimizer-major, then the file's axis order, seeds fastest
 * @param axisValues axis name (as in {@link Sweep#axes}) to this cell's value: a Double for learning_rate and
 *     dropout, a Long for batch_size, the optimizer as {@code adam} or {@code sgd(momentum=0.9)}, a dotted
 *     axis's value as the file wrote it (integers as Long); the seed is {@link #seed}, not in this map
 * @param seed {@code training.seed} of the experiment
 * @param notes what building the cell changed that the file did not say, for the user to read (e.g. a base
 *     optimizer param dropped because the grid switched to an optimizer without it); recorded in the run's
 *     provenance and shown by {@code --dry-run}; not part of the id
 */
public record Cell(String id, int index, Map<String, Object> axisValues, long seed, Experiment experiment,
    List<String> notes) {
  public Cell {
    axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(axisValues));
    notes = List.copyOf(notes);
  }

  /** A cell with nothing to note. */
  public Cell(String id, int index, Map<String, Object> axisValues, long seed, Experiment experiment) {
    this(id, index, axisValues, seed, experiment, List.of());
  }
}
