package dev.descent.core.experiment;

/**
 * How the model is trained.
 *
 * @param earlyStopping null when the file has none
 * @param dtype {@code float32} (default, fast) or {@code float64} (for checks)
 */
public record TrainingSpec(
    PluginRef optimizer, int batchSize, int epochs, EarlyStopping earlyStopping, long seed, String dtype) {}
