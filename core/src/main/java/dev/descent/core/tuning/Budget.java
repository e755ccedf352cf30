package dev.descent.core.tuning;

import java.time.Duration;

/**
 * The {@code budget:} section: when a search stops claiming new trials.
 *
 * @param epochs epochs trained over all trials; 0 for no limit
 * @param time wall time since the sweep started; null for no limit
 */
public record Budget(long epochs, Duration time) {
  public static final Budget NONE = new Budget(0, null);
}
