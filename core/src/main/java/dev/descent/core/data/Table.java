package dev.descent.core.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of a dataset while it is being prepared, in plain Java arrays: selecting rows and splitting cost no
 * native calls (each ND4J op costs tens of microseconds) and the INDArrays are created once, at the end.
 *
 * <p>Pixel data (IDX) stays as unsigned bytes until then: a 60000x784 float copy on the heap would add 188 MB
 * and, on these VMs, most of a second of page faults to every load. {@link #toExamples} converts and scales
 * straight into the native buffer, a chunk of rows at a time. Package-private; never shared.
 */
final class Table {

    private static final int CHUNK_VALUES = 1 << 16;
    /** Tables of at least this many values are converted on two threads. */
    private static final long PARALLEL_VALUES = 1 << 22;

    /** Row-major features, {@code n * d}; {@code null} when the table holds pixels. */
    final float[] x;
    /** Row-major unsigned bytes 0..255, {@code n * d}; {@code null} unless the table holds pixels. */
    final byte[] pixels;
    final int n;
    final int d;
    /** Class index per row; {@code null} for regression. */
    final int[] labels;
    /** Regression target per row; {@code null} for classification. */
    final float[] values;

    private Table(float[] x, byte[] pixels, int n, int d, int[] labels, float[] values) {
        int length = x != null ? x.length : pixels.length;
        if ((long) n * d != length) {
            throw new IllegalArgumentException("features hold " + length + " values, not " + n + " x " + d);
        }
        this.x = x;
        this.pixels = pixels;
        this.n = n;
        this.d = d;
        this.labels = labels;
        this.values = values;
    }

    /** Float features with class labels ({@code values == null}) or regression values ({@code labels == null}). */
    static Table ofFloats(float[] x, int n, int d, int[] labels, float[] values) {
        return new Table(x, null, n, d, labels, values);
    }

    static Table ofPixels(byte[] pixels, int n, int d, int[] labels) {
        return new Table(null, pixels, n, d, labels, null);
    }

    boolean isClassification() {
        return labels != null;
    }

    /** Feature value {@code k} of the row-major data. */
    float value(int k) {
        return x != null ? x[k] : pixels[k] & 0xff;
    }

    /** A copy of the given rows, in the given order. */
    Table select(int[] rows) {
        float[] nx = x == null ? null : new float[rows.length * d];
        byte[] np = pixels == null ? null : new byte[rows.length * d];
        int[] nl = labels == null ? null : new int[rows.length];
        float[] nv = values == null ? null : new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (nx != null) {
                System.arraycopy(x, rows[i] * d, nx, i * d, d);
            } else {
                System.arraycopy(pixels, rows[i] * d, np, i * d, d);
            }
            if (nl != null) {
                nl[i] = labels[rows[i]];
            }
            if (nv != null) {
                nv[i] = values[rows[i]];
            }
        }
        return new Table(nx, np, rows.length, d, nl, nv);
    }

    /** Immutable examples whose features are {@code (value - offset[j]) * factor[j]} per feature {@code j}. */
    Examples toExamples(int numClasses, Scaling.Transform transform) {
        INDArray features = features(transform);
        return isClassification() ? Examples.classification(features, labels, numClasses)
                : Examples.regression(features, values);
    }

    private INDArray features(Scaling.Transform transform) {
        if (n == 0) {
            return Nd4j.create(DataType.FLOAT, 0, d);
        }
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, d}, 'c');
        FloatBuffer out = features.data().asNioFloat();
        if ((long) n * d >= PARALLEL_VALUES) {
            // Most of this is first-touch page faults on the fresh native buffer: two threads halve it.
            int half = n / 2;
            var second = Parallel.start(() -> convert(out.duplicate(), half, n, transform));
            convert(out, 0, half, transform);
            Parallel.join(second);
        } else {
            convert(out, 0, n, transform);
        }
        // Written through the host pointer: tell a CUDA backend the host copy is the current one (no-op on CPU).
        Nd4j.getAffinityManager().tagLocation(features, AffinityManager.Location.HOST);
        return features;
    }

    /** Converts rows {@code [from, to)} into {@code out} at their row-major place; returns null (for Parallel). */
    private Void convert(FloatBuffer out, int from, int to, Scaling.Transform transform) {
        int rowsPerChunk = Math.max(1, CHUNK_VALUES / d);
        float[] chunk = new float[Math.min(to - from, rowsPerChunk) * d];
        double[] offset = transform.offset();
        double[] factor = transform.factor();
        float[] lookup = pixels != null ? uniformLookup(offset, factor) : null;
        for (int start = from; start < to; start += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, to - start);
            if (lookup != null) {
                int at = start * d;
                for (int k = 0; k < rows * d; k++) {
                    chunk[k] = lookup[pixels[at + k] & 0xff];
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    int at = (start + i) * d;
                    int k = i * d;
                    for (int j = 0; j < d; j++) {
                        chunk[k + j] = (float) ((value(at + j) - offset[j]) * factor[j]);
                    }
                }
            }
            out.put(start * d, chunk, 0, rows * d);
        }
        return null;
    }

    /**
     * When every feature has the same offset and factor (pixels under {@code unit} or {@code none} scaling), the
     * 256 possible results, computed by the very expression of the general loop so the values are identical;
     * null otherwise.
     */
    private static float[] uniformLookup(double[] offset, double[] factor) {
        for (int j = 1; j < offset.length; j++) {
            if (Double.compare(offset[j], offset[0]) != 0 || Double.compare(factor[j], factor[0]) != 0) {
                return null;
            }
        }
        if (offset.length == 0) {
            return null;
        }
        float[] lookup = new float[256];
        for (int v = 0; v < 256; v++) {
            lookup[v] = (float) (((float) v - offset[0]) * factor[0]);
        }
        return lookup;
    }
}
