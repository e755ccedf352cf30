package dev.descent.core.store;

/** One value of one metric at one epoch (1-based) of a run. */
public record MetricPoint(String key, int epoch, double value) {}
