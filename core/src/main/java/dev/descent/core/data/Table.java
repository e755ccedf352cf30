package dev.descent.core.data;

/**
 * Rows of a dataset while it is being prepared: plain Java arrays, so that selecting rows, splitting and scaling
 * cost no native calls (each ND4J op costs tens of microseconds) and the INDArrays are created once at the end.
 * Mutable and package-private: only {@link Preparation} changes it, before anything is shared.
 */
final class Table {

    /** Row-major features, {@code n * d}. */
    final float[] x;
    final int n;
    final int d;
    /** Class index per row; {@code null} for regression. */
    final int[] labels;
    /** Regression target per row; {@code null} for classification. */
    final float[] values;

    Table(float[] x, int n, int d, int[] labels, float[] values) {
        if ((long) n * d != x.length) {
            throw new IllegalArgumentException("features hold " + x.length + " values, not " + n + " x " + d);
        }
        this.x = x;
        this.n = n;
        this.d = d;
        this.labels = labels;
        this.values = values;
    }

    boolean isClassification() {
        return labels != null;
    }

    /** A copy of the given rows, in the given order. */
    Table select(int[] rows) {
        float[] nx = new float[rows.length * d];
        int[] nl = labels == null ? null : new int[rows.length];
        float[] nv = values == null ? null : new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * d, nx, i * d, d);
            if (nl != null) {
                nl[i] = labels[rows[i]];
            }
            if (nv != null) {
                nv[i] = values[rows[i]];
            }
        }
        return new Table(nx, rows.length, d, nl, nv);
    }

    /** Immutable examples over a copy of this table's data. */
    Examples toExamples(int numClasses) {
        var features = Examples.matrix(x, n, d);
        return isClassification() ? Examples.classification(features, labels, numClasses)
                : Examples.regression(features, values);
    }
}
