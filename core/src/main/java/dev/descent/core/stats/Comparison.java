package dev.descent.core.stats;

/**
 * The best configuration against one other, over their seeds.
 *
 * @param difference how much better {@code best}'s mean is (positive when it wins; for a loss, other - best)
 * @param ciLow lower end of the bootstrap 95% interval of {@code difference}
 * @param ciHigh upper end of it
 * @param p Welch's two-sided t-test; NaN with fewer than two finite values on either side
 * @param seedsNeeded seeds per configuration for 80% power at this difference and this noise; 0 when the noise
 *     is unknown (one seed) or the difference is zero
 * @param significant whether {@code p < 0.05}
 */
public record Comparison(String best, String other, int bestSeeds, int otherSeeds, double difference,
    double ciLow, double ciHigh, double p, int seedsNeeded, boolean significant) {}
