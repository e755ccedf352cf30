package dev.descent.core.optbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed suite, smallest first. Sizes are chosen so the whole protocol with the default budget (3 optimizers x
 * ({@value BenchSpec#DEFAULT_BUDGET} rates + {@value BenchSpec#DEFAULT_SEEDS} seeds) x 4 problems = 312 runs) takes
 * about 500 s of CPU: 6 min 26 s wall on two cores at load 3-4, 13 min 32 s at load 5-9 (measured 2026-11-30);
 * each problem says why it is the size it is in {@link BenchProblem#sizing}.
 * Every problem trains for a fixed number of epochs without early stopping, so every optimizer gets the same
 * number of steps.
 */
public final class BenchProblems {
  /** The Debian package that puts Fashion-MNIST where the dataset code looks by default. */
  public static final String FASHION_PACKAGE = "dataset-fashion-mnist";
  private static final List<String> FASHION_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  private BenchProblems() {}

  /** The problem names, in suite order. */
  public static List<String> names() {
    return List.of("quadratic", "moons-mlp", "fmnist-logreg", "fmnist-mlp");
  }

  /**
   * The suite's problems named in {@code names} (all when empty), in suite order.
   *
   * @param dataDir where the noisy quadratic's CSV files are (or will be) written
   * @param fashionDir the directory holding Fashion-MNIST's four IDX files
   */
  public static List<BenchProblem> of(List<String> names, Path dataDir, Path fashionDir) {
    List<BenchProblem> all = List.of(quadratic(dataDir), moons(), fashionLogreg(fashionDir), fashionMlp(fashionDir));
    return all.stream().filter(p -> names.isEmpty() || names.contains(p.name())).toList();
  }

  /** The files of Fashion-MNIST missing from {@code dir} (each may be gzipped); empty when it is all there. */
  public static List<String> missingFashionFiles(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String f : FASHION_FILES) {
      if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz"))) {
        missing.add(f + ".gz");
      }
    }
    return missing;
  }

  static BenchProblem quadratic(Path dataDir) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("name", "csv");
    dataset.put("path", dataDir.resolve("quadratic-train.csv").toString());
    dataset.put("test_path", dataDir.resolve("quadratic-test.csv").toString());
    dataset.put("label_column", "y");
    dataset.put("task", "regression");
    dataset.put("scale", "none"); // standardising would undo the ill-conditioning the problem is about
    dataset.put("validation_split", 0.2);
    return new BenchProblem("quadratic", "noisy quadratic: linear regression (MSE) on 10 rotated features, condition"
        + " number 1000, noise floor 0.25", dataset, Map.of("layers",
            List.of(Map.of("type", "dense", "units", 1, "activation", "identity")), "loss", "mse"),
        32, 10, "val_loss", "test_loss", 0.5,
        NoisyQuadratic.TRAIN + " rows (3,200 train, 800 validation), " + NoisyQuadratic.TEST + " test, batch 32, 10"
            + " epochs = 1,000 steps: enough for a well-tuned adaptive method to near the noise floor, not for plain"
            + " SGD to flatten the slowest direction; about 0.2 s a run", false, 0.16);
  }

  static BenchProblem moons() {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("name", "moons");
    dataset.put("samples", 2000);
    dataset.put("test_samples", 2000);
    dataset.put("noise", 0.25);
    dataset.put("validation_split", 0.2);
    return new BenchProblem("moons-mlp", "moons (noise 0.25): MLP 2-32-32-2, ReLU, softmax cross-entropy", dataset,
        mlp(List.of(32, 32), 2, "he_uniform"), 32, 20, "val_accuracy", "test_accuracy", 0.93,
        "2,000 points (1,600 train, 400 validation), 2,000 test, batch 32, 20 epochs = 1,000 steps: the lion"
            + " example's problem with more noise and points, so the validation accuracy does not saturate at 1 and"
            + " rank the rates by luck; about 0.2 s a run", false, 0.19);
  }

  static BenchProblem fashionLogreg(Path fashionDir) {
    return new BenchProblem("fmnist-logreg", "Fashion-MNIST: logistic regression (784-10 softmax)",
        fashion(fashionDir), Map.of("layers", List.of(Map.of("type", "dense", "units", 10, "activation", "softmax")),
            "loss", "softmax_cross_entropy"), 128, 10, "val_accuracy", "test_accuracy", 0.83,
        "the whole training set (54,000 train, 6,000 validation) and the 10,000 test images, batch 128, 10 epochs ="
            + " 4,220 steps: a convex problem where the rate is almost all that matters; about 1.3 s a run (2 at"
            + " once, load 3-4)", true, 1.33);
  }

  static BenchProblem fashionMlp(Path fashionDir) {
    return new BenchProblem("fmnist-mlp", "Fashion-MNIST: MLP 784-128-10, ReLU, softmax cross-entropy",
        fashion(fashionDir), mlp(List.of(128), 10, "he_normal"), 128, 10, "val_accuracy", "test_accuracy", 0.86,
        "the whole training set (54,000 train, 6,000 validation) and the 10,000 test images, batch 128, 10 epochs ="
            + " 4,220 steps; one hidden layer of 128 keeps a run near 8 s (2 at once, load 3-4); still four fifths"
            + " of the bench's time", true, 8.0);
  }

  private static Map<String, Object> fashion(Path dir) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("name", "fashion-mnist");
    dataset.put("directory", dir.toString());
    dataset.put("validation_split", 0.1);
    return dataset;
  }

  private static Map<String, Object> mlp(List<Integer> hidden, int outputs, String init) {
    List<Object> layers = new ArrayList<>();
    hidden.forEach(u -> layers.add(Map.of("type", "dense", "units", u, "activation", "relu")));
    layers.add(Map.of("type", "dense", "units", outputs, "activation", "softmax"));
    return Map.of("layers", layers, "loss", "softmax_cross_entropy", "init", init);
  }
}
