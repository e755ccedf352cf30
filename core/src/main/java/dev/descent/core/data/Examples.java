package dev.descent.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled examples, never changed after loading: features float32 {@code [n, d]} in C order, targets float32
 * {@code [n, k]} one-hot for classification ({@code k = numClasses}) or {@code [n, 1]} for regression, and the
 * class index of each row ({@code labels}, empty for regression).
 *
 * <p>The accessors share, not copy, because a dataset is loaded once per process and read by every trial (and
 * a 60000x784 copy per call would dominate training): treat what they return as read-only. {@link #rows(int[])}
 * copies, so a batch or a subset may be changed freely.
 */
public final class Examples {

    private final INDArray features;
    private final INDArray targets;
    private final int[] labels;
    private final int numClasses;

    private Examples(INDArray features, INDArray targets, int[] labels, int numClasses) {
        this.features = features;
        this.targets = targets;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /** Classification examples; the one-hot targets are built from {@code labels}. */
    public static Examples classification(INDArray features, int[] labels, int numClasses) {
        checkFeatures(features, labels.length);
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses was " + numClasses + ", must be >= 1");
        }
        float[] oneHot = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i
                        + " is outside 0.." + (numClasses - 1));
            }
            oneHot[i * numClasses + labels[i]] = 1f;
        }
        return new Examples(features, matrix(oneHot, labels.length, numClasses), labels.clone(), numClasses);
    }

    /** Regression examples with one float target per row. */
    public static Examples regression(INDArray features, float[] values) {
        checkFeatures(features, values.length);
        return new Examples(features, matrix(values, values.length, 1), new int[0], 0);
    }

    /** A float32 C-order {@code [rows, cols]} matrix over {@code data}; also for {@code rows == 0}. */
    static INDArray matrix(float[] data, int rows, int cols) {
        if (rows == 0) {
            return Nd4j.create(DataType.FLOAT, 0, cols);
        }
        return Nd4j.create(data, new long[] {rows, cols}, 'c');
    }

    private static void checkFeatures(INDArray features, int rows) {
        Objects.requireNonNull(features, "features");
        if (features.rank() != 2 || features.size(0) != rows || features.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("features must be float32 [" + rows + ", d], was "
                    + features.dataType() + " " + Arrays.toString(features.shape()));
        }
    }

    public INDArray features() {
        return features;
    }

    public INDArray targets() {
        return targets;
    }

    /**
     * The class index of each row, empty for regression. Shared like the arrays, not copied, because callers
     * index it in loops ({@code labels()[i]}): read it, never write it.
     */
    public int[] labels() {
        return labels;
    }

    public int size() {
        return (int) features.size(0);
    }

    public int featureCount() {
        return (int) features.size(1);
    }

    /** The number of classes, 0 for regression. */
    public int numClasses() {
        return numClasses;
    }

    /** A copy of the given rows, in the given order (repeats allowed). */
    public Examples rows(int[] indices) {
        int n = size();
        for (int index : indices) {
            if (index < 0 || index >= n) {
                throw new IndexOutOfBoundsException("row " + index + " is outside 0.." + (n - 1));
            }
        }
        if (indices.length == 0) {
            return new Examples(Nd4j.create(DataType.FLOAT, 0, featureCount()),
                    Nd4j.create(DataType.FLOAT, 0, targets.size(1)), new int[0], numClasses);
        }
        int[] picked = new int[numClasses == 0 ? 0 : indices.length];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = labels[indices[i]];
        }
        return new Examples(Nd4j.pullRows(features, 1, indices), Nd4j.pullRows(targets, 1, indices),
                picked, numClasses);
    }

    @Override
    public String toString() {
        return "Examples[n=" + size() + ", d=" + featureCount() + ", classes=" + numClasses + "]";
    }
}
