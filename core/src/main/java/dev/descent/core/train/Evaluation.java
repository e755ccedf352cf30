package dev.descent.core.train;

/** Loss and accuracy of a model on a set of examples; accuracy NaN for regression. */
public record Evaluation(double loss, double accuracy, int examples) {}
