package dev.descent.core.tuning;

/** Placeholder: the TPE sampler follows. */
final class TpeSampler {
  static final int STARTUP_TRIALS = 10;

  private TpeSampler() {}
}
