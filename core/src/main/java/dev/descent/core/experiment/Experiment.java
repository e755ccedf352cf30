package dev.descent.core.experiment;

import dev.descent.core.data.DatasetSpec;

/**
 * A validated experiment: what one {@code descent run} trains. Built only by
 * {@link ExperimentParser}, which checks every field against the registry and the rules.
 */
public record Experiment(String name, String description, DatasetSpec dataset, ModelSpec model, TrainingSpec training) {}
