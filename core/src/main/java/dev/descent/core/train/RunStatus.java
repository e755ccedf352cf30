package dev.descent.core.train;

import java.util.Locale;

/** How a run ended (or where it is). */
public enum RunStatus {
  QUEUED, RUNNING, FINISHED, FAILED, DIVERGED, STOPPED, CRASHED;

  /**
   * Whether a sweep runs this cell (again): it never reached an outcome. Finished and diverged cells are
   * outcomes and never run twice; a running one belongs to another process.
   */
  public boolean rerunnable() {
    return this == QUEUED || this == FAILED || this == CRASHED || this == STOPPED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
