package dev.descent.core.data;

import java.util.Arrays;

/**
 * Feature scaling, in place, with statistics from the training rows only (applied unchanged to validation and
 * test, as it would be to new data after training).
 *
 * <ul>
 *   <li>{@code unit}: pixel data (IDX) is divided by 255; other data is min-max scaled per feature to [0, 1]
 *       on the training rows (validation and test values may fall slightly outside).</li>
 *   <li>{@code standard}: per feature, subtract the training mean and divide by the training standard
 *       deviation; a constant feature becomes 0.</li>
 *   <li>{@code none}: unchanged.</li>
 * </ul>
 */
final class Scaling {

    private Scaling() {
    }

    /** Scales the tables in place; returns a description for provenance. */
    static String apply(String scale, boolean pixels, Table train, Table... others) {
        switch (scale) {
            case "none":
                return "none";
            case "unit":
                if (pixels) {
                    multiply(train, 1f / 255f);
                    for (Table other : others) {
                        multiply(other, 1f / 255f);
                    }
                    return "unit (x / 255)";
                }
                affine(minMax(train), train, others);
                return "unit (per-feature min-max from the training set)";
            case "standard":
                affine(standard(train), train, others);
                return "standard (per-feature mean and standard deviation from the training set)";
            default:
                throw new DataException("dataset.scale: was '" + scale + "', must be one of "
                        + String.join(", ", DatasetSpec.SCALES));
        }
    }

    private static void multiply(Table table, float factor) {
        float[] x = table.x;
        for (int i = 0; i < x.length; i++) {
            x[i] *= factor;
        }
    }

    /** {@code [offset, factor]} per feature such that {@code (x - offset) * factor} is min-max scaled. */
    private static double[][] minMax(Table train) {
        double[] min = new double[train.d];
        double[] max = new double[train.d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < train.n; i++) {
            for (int j = 0; j < train.d; j++) {
                double v = train.x[i * train.d + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        double[] factor = new double[train.d];
        for (int j = 0; j < train.d; j++) {
            factor[j] = max[j] > min[j] ? 1 / (max[j] - min[j]) : 1;
        }
        return new double[][] {min, factor};
    }

    /** {@code [mean, 1 / std]} per feature over the training rows, in double precision. */
    static double[][] standard(Table train) {
        double[] mean = new double[train.d];
        double[] squares = new double[train.d];
        for (int i = 0; i < train.n; i++) {
            for (int j = 0; j < train.d; j++) {
                mean[j] += train.x[i * train.d + j];
            }
        }
        for (int j = 0; j < train.d; j++) {
            mean[j] /= Math.max(1, train.n);
        }
        for (int i = 0; i < train.n; i++) {
            for (int j = 0; j < train.d; j++) {
                double centred = train.x[i * train.d + j] - mean[j];
                squares[j] += centred * centred;
            }
        }
        double[] factor = new double[train.d];
        for (int j = 0; j < train.d; j++) {
            double std = Math.sqrt(squares[j] / Math.max(1, train.n));
            factor[j] = std > 0 ? 1 / std : 1;
        }
        return new double[][] {mean, factor};
    }

    private static void affine(double[][] offsetFactor, Table train, Table... others) {
        transform(train, offsetFactor);
        for (Table other : others) {
            transform(other, offsetFactor);
        }
    }

    private static void transform(Table table, double[][] offsetFactor) {
        double[] offset = offsetFactor[0];
        double[] factor = offsetFactor[1];
        for (int i = 0; i < table.n; i++) {
            for (int j = 0; j < table.d; j++) {
                int k = i * table.d + j;
                table.x[k] = (float) ((table.x[k] - offset[j]) * factor[j]);
            }
        }
    }
}
