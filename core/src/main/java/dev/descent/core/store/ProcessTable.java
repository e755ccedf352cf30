package dev.descent.core.store;

import java.time.Duration;
import java.time.Instant;

/** Whether a process of this machine still exists; the lease rule asks it, tests give their own. */
@FunctionalInterface
public interface ProcessTable {
  /**
   * Start times are compared with this tolerance: the JDK derives them from the boot time, which the
   * kernel recomputes and which can move by a second; a pid reused within 2 s of its previous owner's
   * start would need a full wrap of the pid space in between.
   */
  Duration START_TOLERANCE = Duration.ofSeconds(2);

  /** The operating system's process table, through {@link ProcessHandle}. */
  ProcessTable LOCAL = (pid, started) -> ProcessHandle.of(pid)
      .filter(ProcessHandle::isAlive)
      .map(h -> started == null || h.info().startInstant()
          .map(s -> Duration.between(s, started).abs().compareTo(START_TOLERANCE) <= 0).orElse(true))
      .orElse(false);

  /** True when process {@code pid} exists and, if {@code started} is known, is the one that started then. */
  boolean alive(long pid, Instant started);
}
