package dev.descent.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the experiment file's {@code dataset:} section resolves to. Immutable with value equality, so it is the
 * key of the process-wide dataset cache: two cells with the same spec share the same arrays.
 *
 * <p>The constructor checks ranges and allowed values and reports every problem at once, each with the
 * experiment-file field it came from; whether a field is required for a given dataset (a CSV path, an MNIST
 * directory) is checked when loading. Fields that do not apply to a dataset are ignored by it.
 *
 * @param name           {@code fashion-mnist | mnist | csv | xor | spirals | moons}
 * @param directory      IDX directory; {@code null} means the default (Fashion-MNIST only)
 * @param path           CSV file with a header row
 * @param testPath       optional CSV test file; without it the test set is split off with {@code testSplit}
 * @param labelColumn    CSV column holding the label or regression target
 * @param featureColumns CSV feature columns; {@code null} means every column but the label
 * @param task           {@code classification | regression} (regression for CSV only)
 * @param validationSplit fraction of the training set held out for validation, in [0, 1)
 * @param testSplit      fraction held out for testing when there is no test file, in [0, 1)
 * @param limit          optional size of a seeded subsample of the training set
 * @param testLimit      optional size of a seeded subsample of the test set
 * @param scale          {@code unit | standard | none}
 * @param samples        training size of a generated set
 * @param testSamples    test size of a generated set
 * @param noise          noise level of a generated set (standard deviation of Gaussian noise)
 * @param seed           seeds the generator, the splits and the subsamples
 */
public record DatasetSpec(String name, Path directory, Path path, Path testPath, String labelColumn,
                          List<String> featureColumns, String task, double validationSplit, double testSplit,
                          Integer limit, Integer testLimit, String scale, int samples, int testSamples,
                          double noise, long seed) {

    /** Where Debian's {@code dataset-fashion-mnist} package puts the four IDX files. */
    public static final Path FASHION_MNIST_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> TASKS = List.of("classification", "regression");
    public static final List<String> SCALES = List.of("unit", "standard", "none");

    public DatasetSpec {
        featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
        List<String> problems = new ArrayList<>();
        if (name == null || !Datasets.names().contains(name)) {
            problems.add("dataset.name: unknown dataset '" + name + "'; available: "
                    + String.join(", ", Datasets.names()));
        }
        if (!TASKS.contains(task)) {
            problems.add("dataset.task: was '" + task + "', must be one of " + String.join(", ", TASKS));
        }
        if (!SCALES.contains(scale)) {
            problems.add("dataset.scale: was '" + scale + "', must be one of " + String.join(", ", SCALES));
        }
        checkFraction(problems, "dataset.validation_split", validationSplit);
        checkFraction(problems, "dataset.test_split", testSplit);
        if (limit != null && limit < 1) {
            problems.add("dataset.limit: was " + limit + ", must be >= 1 (or absent for all examples)");
        }
        if (testLimit != null && testLimit < 1) {
            problems.add("dataset.test_limit: was " + testLimit + ", must be >= 1 (or absent for all examples)");
        }
        if (samples < 2) {
            problems.add("dataset.samples: was " + samples + ", must be >= 2");
        }
        if (testSamples < 0) {
            problems.add("dataset.test_samples: was " + testSamples + ", must be >= 0");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            problems.add("dataset.noise: was " + noise + ", must be a finite number >= 0");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            problems.add("dataset.label_column: missing; the name of the CSV column holding the label is required");
        }
        if (!problems.isEmpty()) {
            throw new DataException("dataset: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "\n  " + String.join("\n  ", problems));
        }
    }

    private static void checkFraction(List<String> problems, String field, double value) {
        if (!(value >= 0 && value < 1)) {
            problems.add(field + ": was " + value + ", must be >= 0 and < 1");
        }
    }

    /**
     * Sensible defaults for a dataset: seed 42, 10% validation, 20% test split for CSV; IDX pixels scaled to
     * [0, 1] ({@code unit}), CSV standardised, generated sets left as they are (already about unit size).
     */
    public static DatasetSpec defaults(String name) {
        Objects.requireNonNull(name, "name");
        boolean idx = name.equals("fashion-mnist") || name.equals("mnist");
        Path directory = name.equals("fashion-mnist") ? FASHION_MNIST_DIRECTORY : null;
        String scale = idx ? "unit" : name.equals("csv") ? "standard" : "none";
        double noise = switch (name) {
            case "xor" -> 0.1;
            case "spirals" -> 0.05;
            case "moons" -> 0.1;
            default -> 0.0;
        };
        return new DatasetSpec(name, directory, null, null, "label", null, "classification", 0.1, 0.2,
                null, null, scale, 1000, 500, noise, 42L);
    }

    public DatasetSpec withDirectory(Path directory) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    /** The CSV files: {@code testPath} may be {@code null}. */
    public DatasetSpec withPaths(Path path, Path testPath) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    public DatasetSpec withColumns(String labelColumn, List<String> featureColumns, String task) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    public DatasetSpec withSplits(double validationSplit, double testSplit) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    public DatasetSpec withLimits(Integer limit, Integer testLimit) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    public DatasetSpec withScale(String scale) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    public DatasetSpec withGenerated(int samples, int testSamples, double noise) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    public DatasetSpec withSeed(long seed) {
        return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
                testSplit, limit, testLimit, scale, samples, testSamples, noise, seed);
    }

    /** This spec with absolute, normalised paths: the cache key, so "./a.csv" and "a.csv" share one entry. */
    DatasetSpec resolved() {
        return new DatasetSpec(name, absolute(directory), absolute(path), absolute(testPath), labelColumn,
                featureColumns, task, validationSplit, testSplit, limit, testLimit, scale, samples, testSamples,
                noise, seed);
    }

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
