package dev.descent.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured. Accuracy is NaN for regression, validation values NaN without a
 * validation set.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
    double learningRate, double epochSeconds, double samplesPerSecond) {

  /** The metric names, as stored and searched. */
  public static final String[] NAMES = {"train_loss", "train_accuracy", "val_loss", "val_accuracy",
      "learning_rate", "epoch_seconds", "samples_per_second"};

  /** The value of a metric by its stored name. */
  public double get(String name) {
    return switch (name) {
      case "train_loss" -> trainLoss;
      case "train_accuracy" -> trainAccuracy;
      case "val_loss" -> valLoss;
      case "val_accuracy" -> valAccuracy;
      case "learning_rate" -> learningRate;
      case "epoch_seconds" -> epochSeconds;
      case "samples_per_second" -> samplesPerSecond;
      default -> throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** Metric name to value, NaN left out. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String n : NAMES) {
      double v = get(n);
      if (!Double.isNaN(v)) {
        m.put(n, v);
      }
    }
    return m;
  }
}
