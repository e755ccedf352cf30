package dev.descent.core.store;

import dev.descent.core.env.HostIdentity;
import java.time.Instant;

/**
 * Who holds a claim: the process, named so that another process on the same machine can tell whether
 * it still exists. A pid alone is not enough, pids are reused; the pid with its start time is.
 *
 * @param host host name, for people
 * @param machine {@link HostIdentity#machine()}: pids are compared only within one machine
 * @param processStart when the process started, null when the platform does not say
 */
public record LeaseOwner(String host, String machine, long pid, Instant processStart) {
  private static final LeaseOwner SELF = new LeaseOwner(HostIdentity.current().host(), HostIdentity.current().machine(),
      ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant().orElse(null));

  /** The store keeps times to the millisecond: so does an owner, so one read back equals the one written. */
  public LeaseOwner {
    processStart = processStart == null ? null : processStart.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** This process. */
  public static LeaseOwner self() {
    return SELF;
  }

  /** {@code host pid N}: what a person needs to find the process. */
  public String describe() {
    return host + " pid " + pid;
  }
}
