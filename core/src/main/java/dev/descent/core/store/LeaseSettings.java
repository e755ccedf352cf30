package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.time.Duration;
import java.util.Map;

/**
 * How long a claim lasts without news and how often its holder renews it. The lease must span
 * several beats so that one late heartbeat (a GC pause, a slow commit) never costs a live worker its
 * cell; it bounds how long a cell of a dead or paused host waits for another worker.
 *
 * @param lease 30 s unless {@code DESCENT_LEASE_SECONDS} or {@code --lease} says otherwise
 * @param heartbeat 5 s unless {@code DESCENT_HEARTBEAT_SECONDS} or {@code --heartbeat} says otherwise
 */
public record LeaseSettings(Duration lease, Duration heartbeat) {
  public static final String LEASE_ENV = "DESCENT_LEASE_SECONDS";
  public static final String HEARTBEAT_ENV = "DESCENT_HEARTBEAT_SECONDS";
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
  /** The lease is at least this many beats long. */
  public static final int MIN_BEATS_PER_LEASE = 3;

  public LeaseSettings {
    if (heartbeat.isNegative() || heartbeat.isZero() || lease.compareTo(heartbeat.multipliedBy(MIN_BEATS_PER_LEASE)) < 0) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "lease " + seconds(lease) + " s with a heartbeat every "
          + seconds(heartbeat) + " s: the heartbeat must be positive and the lease at least " + MIN_BEATS_PER_LEASE
          + " heartbeats long, so one late beat does not lose a live worker its cell (defaults: lease 30 s,"
          + " heartbeat 5 s)");
    }
  }

  /** The defaults, or what the environment sets. */
  public static LeaseSettings fromEnvironment() {
    return of(System.getenv(), null, null);
  }

  /** Flags (null when not given) over environment over defaults. */
  public static LeaseSettings of(Map<String, String> env, Duration leaseFlag, Duration heartbeatFlag) {
    Duration lease = leaseFlag != null ? leaseFlag : seconds(env, LEASE_ENV, DEFAULT_LEASE);
    Duration beat = heartbeatFlag != null ? heartbeatFlag : seconds(env, HEARTBEAT_ENV, DEFAULT_HEARTBEAT);
    return new LeaseSettings(lease, beat);
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(v.strip()) * 1000));
    } catch (NumberFormatException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, name + ": was '" + v + "', must be a number of seconds", e);
    }
  }

  private static String seconds(Duration d) {
    return String.valueOf(d.toMillis() / 1000.0);
  }
}
