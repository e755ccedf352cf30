package dev.descent.core.sweep;

import java.util.List;

/**
 * One axis of a sweep: a grid entry, or the seeds. {@code values} are what is written into each cell's
 * document; {@code labels} are how a cell shows them (in the dry-run table, in {@link Cell#axisValues}).
 *
 * @param name as the file writes it: {@code optimizer}, {@code model.layers[0].units}, {@code seeds}
 * @param path where problems with a value are reported: {@code grid.learning_rate}, {@code seeds}
 * @param indexed whether a value's problems name its index ({@code grid.learning_rate[2]}); not for
 *     {@code seeds: 3}, which lists no values
 * @param target for {@link Kind#PATH} axes, the field they set; null otherwise
 */
record Axis(String name, Kind kind, String path, boolean indexed, List<Object> values, List<Object> labels,
    ConfigPath target) {

  /** What an axis sets: the four first-class axes, a dotted path, or the seed. */
  enum Kind { OPTIMIZER, LEARNING_RATE, BATCH_SIZE, DROPOUT, PATH, SEED }

  Axis {
    values = List.copyOf(values);
    labels = List.copyOf(labels);
  }

  /** Where a problem with value {@code i} is reported. */
  String pathOf(int i) {
    return indexed ? path + "[" + i + "]" : path;
  }

  int size() {
    return values.size();
  }
}
