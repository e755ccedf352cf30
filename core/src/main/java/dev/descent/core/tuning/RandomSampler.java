package dev.descent.core.tuning;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random search: trial {@code i}'s configuration is a pure function of the sampler's seed, {@code i} and
 * the attempt (an attempt past 0 only when an earlier trial already has that configuration), so a rerun,
 * or a second process, computes the very same trials without asking anyone.
 */
public final class RandomSampler {
  private RandomSampler() {}

  /** The configuration of trial {@code trial}, {@code attempt} draws after its first. */
  public static Map<String, Object> trial(SearchSpace space, long seed, int trial, int attempt) {
    return space.sample(random(seed, trial, attempt));
  }

  /** The generator of one draw: seeded from (seed, trial, attempt) through SplitMix64's mixing. */
  static SplittableRandom random(long seed, int trial, int attempt) {
    long h = mix(seed * 0x9E3779B97F4A7C15L + trial);
    return new SplittableRandom(mix(h + 0x632BE59BD9B4E019L * (attempt + 1)));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
