package dev.descent.core.train;

import java.util.Locale;

/** How a run ended (or where it is). */
public enum RunStatus {
  QUEUED, RUNNING, FINISHED, FAILED, DIVERGED, STOPPED, CRASHED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
