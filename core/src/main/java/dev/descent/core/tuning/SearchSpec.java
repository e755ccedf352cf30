package dev.descent.core.tuning;

/**
 * The {@code search:} section: how configurations are chosen instead of a grid's product.
 *
 * @param method {@code random} or {@code tpe}
 * @param trials configurations in all (each runs once per seed)
 * @param seed the sampler's seed, apart from the training seeds
 */
public record SearchSpec(String method, int trials, long seed, SearchSpace space) {}
