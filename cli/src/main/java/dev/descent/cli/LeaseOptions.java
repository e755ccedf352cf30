package dev.descent.cli;

import dev.descent.core.store.LeaseSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The lease flags of every command that claims sweep cells ({@code run}, {@code worker}): one definition, so
 * both say and default the same; {@link LeaseSettings} checks them.
 */
final class LeaseOptions {
  @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "sweeps: how long a claimed cell stays this process's without a heartbeat before another process"
          + " may take it over, e.g. 30s (default $DESCENT_LEASE_SECONDS, else 30s)")
  Duration lease;

  @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "sweeps: how often a running cell renews its lease, e.g. 5s; at most a third of the lease"
          + " (default $DESCENT_HEARTBEAT_SECONDS, else 5s)")
  Duration heartbeat;

  /** The flags over {@code DESCENT_LEASE_SECONDS} and {@code DESCENT_HEARTBEAT_SECONDS} over the defaults. */
  LeaseSettings settings() {
    return LeaseSettings.of(System.getenv(), lease, heartbeat);
  }
}
