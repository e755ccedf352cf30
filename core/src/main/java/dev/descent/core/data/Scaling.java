package dev.descent.core.data;

import java.util.Arrays;

/**
 * Feature scaling fitted on the training rows only and applied unchanged to validation and test, as it would be
 * to new data after training, so nothing about held-out rows leaks into training.
 *
 * <ul>
 *   <li>{@code unit}: pixel data (IDX) is divided by 255; other data is min-max scaled per feature to [0, 1]
 *       on the training rows (validation and test values may fall slightly outside).</li>
 *   <li>{@code standard}: per feature, subtract the training mean and divide by the training standard
 *       deviation (population, in double precision); a constant feature becomes 0.</li>
 *   <li>{@code none}: unchanged.</li>
 * </ul>
 */
final class Scaling {

    /** {@code (value - offset[j]) * factor[j]} for feature {@code j}, and a description for provenance. */
    record Transform(String description, double[] offset, double[] factor) {
    }

    private Scaling() {
    }

    static Transform fit(String scale, boolean pixels, Table train) {
        switch (scale) {
            case "none":
                return constant("none", train.d, 1);
            case "unit":
                return pixels ? constant("unit (x / 255)", train.d, 1.0 / 255) : minMax(train);
            case "standard":
                return standard(train);
            default:
                throw new DataException("dataset.scale: was '" + scale + "', must be one of "
                        + String.join(", ", DatasetSpec.SCALES));
        }
    }

    private static Transform constant(String description, int d, double factor) {
        double[] factors = new double[d];
        Arrays.fill(factors, factor);
        return new Transform(description, new double[d], factors);
    }

    private static Transform minMax(Table train) {
        double[] min = new double[train.d];
        double[] max = new double[train.d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < train.n; i++) {
            for (int j = 0; j < train.d; j++) {
                double v = train.value(i * train.d + j);
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        double[] factor = new double[train.d];
        for (int j = 0; j < train.d; j++) {
            factor[j] = max[j] > min[j] ? 1 / (max[j] - min[j]) : 1;
            min[j] = Double.isFinite(min[j]) ? min[j] : 0;
        }
        return new Transform("unit (per-feature min-max from the training set)", min, factor);
    }

    private static Transform standard(Table train) {
        double[] mean = new double[train.d];
        double[] squares = new double[train.d];
        for (int i = 0; i < train.n; i++) {
            for (int j = 0; j < train.d; j++) {
                mean[j] += train.value(i * train.d + j);
            }
        }
        for (int j = 0; j < train.d; j++) {
            mean[j] /= Math.max(1, train.n);
        }
        for (int i = 0; i < train.n; i++) {
            for (int j = 0; j < train.d; j++) {
                double centred = train.value(i * train.d + j) - mean[j];
                squares[j] += centred * centred;
            }
        }
        double[] factor = new double[train.d];
        for (int j = 0; j < train.d; j++) {
            double std = Math.sqrt(squares[j] / Math.max(1, train.n));
            factor[j] = std > 0 ? 1 / std : 1;
        }
        return new Transform("standard (per-feature mean and standard deviation from the training set)", mean,
                factor);
    }
}
