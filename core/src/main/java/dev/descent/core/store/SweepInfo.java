package dev.descent.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What a sweep was asked to do, kept beside its cells so that readers of the store (the dashboard, {@code descent
 * sweeps show}) rank the cells the way the sweep did without the file that defined it.
 *
 * @param objectiveMetric the metric cells are ranked by ({@code val_accuracy}, ...)
 * @param objectiveMode {@code min} or {@code max}
 * @param axes the grid's axis names in expansion order; empty without a grid
 * @param created when the sweep was first run against this store
 */
public record SweepInfo(String id, String name, String objectiveMetric, String objectiveMode, List<String> axes,
    Instant created) {
  public SweepInfo {
    axes = List.copyOf(axes);
  }
}
