package dev.descent.core.experiment;

import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Examples;
import dev.descent.core.nn.ModelMemory;
import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The checks of an experiment that need its data, made after the data loads and before a run is recorded:
 * the output layer must match the classes (or the regression targets), and the model must fit in the memory
 * this JVM may use on the data's number of features. A run that would fail either is invalid input, not a
 * failed run.
 */
public final class DataFit {
  private DataFit() {}

  /** Every problem of running {@code exp} on {@code data}; empty when it can start. */
  public static List<Problem> problems(Experiment exp, DataSplits data) {
    return problems(exp, data, 1);
  }

  /**
   * As {@link #problems(Experiment, DataSplits)} when {@code concurrent} such models train at once (a
   * sweep's workers): each may use only its share of the free memory.
   */
  public static List<Problem> problems(Experiment exp, DataSplits data, int concurrent) {
    return problems(exp, data, concurrent, ModelMemory.offHeapFree(), ModelMemory.heapFree());
  }

  /** As {@link #problems(Experiment, DataSplits, int)} with the free memory given (tests). */
  static List<Problem> problems(Experiment exp, DataSplits data, int concurrent, double offHeapFree, double heapFree) {
    List<Problem> problems = new ArrayList<>();
    if (data.train().size() == 0) {
      problems.add(new Problem("dataset", "leaves no training examples once validation and test data are held out; "
          + "use more data or smaller validation_split / test_split"));
      return problems;
    }
    EarlyStopping early = exp.training().earlyStopping();
    if (early != null && early.monitor().startsWith("val_") && data.validation().size() == 0) {
      problems.add(new Problem("training.early_stopping.monitor", "was '" + early.monitor() + "', but the "
          + "validation split of dataset '" + data.name() + "' holds no examples (" + data.train().size()
          + " training examples x validation_split " + exp.dataset().validationSplit() + "); raise validation_split "
          + "or monitor train_loss"));
    }
    String outputs = outputs(exp, data.train());
    if (outputs != null) {
      problems.add(new Problem("model.layers[" + outputIndex(exp.model()) + "].units", outputs));
    }
    TrainingSpec t = exp.training();
    DataType dtype = "float64".equals(t.dtype()) ? DataType.DOUBLE : DataType.FLOAT;
    boolean restore = t.earlyStopping() != null && t.earlyStopping().restoreBest();
    int share = Math.max(1, concurrent);
    String memory = ModelMemory.of(exp.model(), data.train().featureCount(), t.batchSize(), dtype, restore)
        .problem(offHeapFree / share, heapFree / share);
    if (memory != null) {
      problems.add(new Problem("model.layers", memory + " (dataset '" + data.name() + "' has "
          + data.train().featureCount() + " features" + (share > 1 ? "; " + share + " cells train at once, each "
          + "with its share of the memory: fewer --workers leave each more" : "") + ")"));
    }
    return problems;
  }

  /**
   * Why the output layer does not fit the data, or null. The rule is the trainer's: one unit per class,
   * or a single (sigmoid) unit for two classes, or one per target column for a regression.
   */
  static String outputs(Experiment exp, Examples train) {
    int units = exp.model().outputLayer().units();
    String dataset = "dataset '" + exp.dataset().name() + "'";
    if (train.numClasses() == 0) {
      long targets = train.targets().columns();
      return units == targets ? null : "was " + units + ", but " + dataset + " is a regression with " + targets
          + " target column" + (targets == 1 ? "" : "s") + ": the output layer needs " + targets + " unit"
          + (targets == 1 ? "" : "s");
    }
    int k = train.numClasses();
    if (units == k || units == 1 && k == 2) {
      return null;
    }
    return "was " + units + ", but " + dataset + " has " + k + " classes: the output layer needs " + k
        + " units (one per class)" + (k == 2 ? " or 1 (a sigmoid unit)" : "");
  }

  private static int outputIndex(ModelSpec model) {
    List<LayerSpec> layers = model.layers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (layers.get(i) instanceof LayerSpec.Dense) {
        return i;
      }
    }
    return layers.size() - 1;
  }
}
