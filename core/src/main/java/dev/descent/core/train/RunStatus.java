package dev.descent.core.train;

import java.util.Locale;

/** How a run ended (or where it is). */
public enum RunStatus {
  QUEUED, RUNNING, FINISHED, FAILED, DIVERGED, STOPPED, CRASHED,
  /** Stopped early by a sweep's pruner (ASHA, median rule): an outcome, with its curves; never rerun. */
  PRUNED;

  /**
   * Whether a sweep runs this cell (again): it never reached an outcome. Finished, diverged and pruned cells are
   * outcomes and never run twice; a running one belongs to another process.
   */
  public boolean rerunnable() {
    return this == QUEUED || this == FAILED || this == CRASHED || this == STOPPED;
  }

  /** Whether the run ended with an outcome: finished, diverged or pruned. */
  public boolean outcome() {
    return this == FINISHED || this == DIVERGED || this == PRUNED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
