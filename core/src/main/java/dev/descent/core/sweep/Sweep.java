package dev.descent.core.sweep;

import java.util.List;

/**
 * A validated experiment file expanded into the cells it runs. Every file is a sweep: one without
 * {@code grid:} or {@code seeds:} is a sweep of one cell, so a caller has one path for both.
 *
 * @param id deterministic (see {@link CellIds#sweepId}): the same file gives the same id anywhere
 * @param name the file's {@code name}
 * @param axes the grid's axis names in expansion order (optimizer first, then as the file writes them);
 *     empty without a grid; the seeds are not an axis here but {@link #seeds}
 * @param seeds the {@code seeds:} every configuration runs with, in order; without that section, the
 *     distinct {@code training.seed} values of the cells (usually just the file's one)
 * @param plan what runs beside each cell (a pruner); {@link SweepPlan#NONE} for a plain grid
 */
public record Sweep(String id, String name, Objective objective, List<Cell> cells, List<String> axes,
    List<Long> seeds, SweepPlan plan) {
  public Sweep {
    cells = List.copyOf(cells);
    axes = List.copyOf(axes);
    seeds = List.copyOf(seeds);
    plan = plan == null ? SweepPlan.NONE : plan;
  }

  /** A sweep that runs each cell to its end. */
  public Sweep(String id, String name, Objective objective, List<Cell> cells, List<String> axes, List<Long> seeds) {
    this(id, name, objective, cells, axes, seeds, SweepPlan.NONE);
  }

  /** This sweep with {@code plan} beside its cells. */
  public Sweep withPlan(SweepPlan plan) {
    return new Sweep(id, name, objective, cells, axes, seeds, plan);
  }
}
