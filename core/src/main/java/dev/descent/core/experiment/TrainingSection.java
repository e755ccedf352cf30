package dev.descent.core.experiment;

import dev.descent.core.store.MetricSummary;
import dev.descent.spi.PluginKind;
import java.util.Set;

/** Reads the {@code training:} section. */
final class TrainingSection {
  private final ConfigNode node;
  private final ExperimentParser parser;

  TrainingSection(ConfigNode node, ExperimentParser parser) {
    this.node = node;
    this.parser = parser;
  }

  TrainingSpec read() {
    node.rejectUnknownKeys(Set.of("optimizer", "batch_size", "epochs", "early_stopping", "seed", "dtype"));
    PluginRef optimizer = parser.plugin(node, "optimizer", PluginKind.OPTIMIZER, null);
    int batchSize = node.integer("batch_size", 32, 1, 1_000_000);
    Integer epochs = node.integer("epochs", null, 1, 1_000_000);
    long seed = node.integer("seed", 0, 0, Integer.MAX_VALUE);
    String dtype = node.choice("dtype", "float32", Set.of("float32", "float64"));
    EarlyStopping early = node.has("early_stopping") ? earlyStopping(node.child("early_stopping", true)) : null;
    return new TrainingSpec(optimizer, batchSize, epochs == null ? 1 : epochs, early, seed, dtype);
  }

  private static EarlyStopping earlyStopping(ConfigNode es) {
    es.rejectUnknownKeys(Set.of("monitor", "mode", "patience", "min_delta", "restore_best"));
    String monitor = es.choice("monitor", "val_loss", Set.of("val_loss", "val_accuracy", "train_loss", "train_accuracy"));
    String inferred = MetricSummary.higherIsBetter(monitor) ? "max" : "min";
    String mode = es.choice("mode", inferred, Set.of("min", "max"));
    int patience = es.integer("patience", 3, 1, Integer.MAX_VALUE);
    double minDelta = es.real("min_delta", 0.0, 0, true, Double.POSITIVE_INFINITY, false);
    boolean restore = es.bool("restore_best", false);
    return new EarlyStopping(monitor, mode, patience, minDelta, restore);
  }
}
