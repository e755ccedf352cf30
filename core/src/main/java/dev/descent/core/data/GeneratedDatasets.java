package dev.descent.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small 2-D two-class problems that need no download, for smoke tests and for watching an optimizer work:
 * {@code xor}, {@code spirals} and {@code moons}. Each class gets exactly half the points (the first class the
 * extra one when the count is odd) and the rows are shuffled.
 *
 * <p>Everything comes from one {@link Random} seeded with the spec's seed, training set first, then the test
 * set, so a seed fixes both and the two never share points. {@code moons} follows scikit-learn's
 * {@code make_moons} geometry but draws the angle uniformly rather than on an even grid, so that the training
 * and test sets are different points of the same distribution.
 */
final class GeneratedDatasets {

    static final List<String> CLASSES = List.of("0", "1");

    private GeneratedDatasets() {
    }

    static RawData load(DatasetSpec spec) {
        Random random = new Random(spec.seed());
        Table train = generate(spec.name(), spec.samples(), spec.noise(), random);
        Table test = generate(spec.name(), spec.testSamples(), spec.noise(), random);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("generator", spec.name());
        info.put("samples", spec.samples());
        info.put("test_samples", spec.testSamples());
        info.put("noise", spec.noise());
        return new RawData(train, test, 2, CLASSES, false, info);
    }

    static Table generate(String name, int n, double noise, Random random) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        int firstClass = n - n / 2;
        for (int i = 0; i < n; i++) {
            int label = i < firstClass ? 0 : 1;
            double[] point = switch (name) {
                case "xor" -> xor(label, random);
                case "spirals" -> spiral(label, random);
                case "moons" -> moon(label, random);
                default -> throw new IllegalArgumentException("not a generated dataset: " + name);
            };
            x[2 * i] = (float) (point[0] + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (point[1] + noise * random.nextGaussian());
            labels[i] = label;
        }
        return Table.ofFloats(x, n, 2, labels, null).select(Preparation.permutation(n, random));
    }

    /** Uniform in [-1, 1]^2 restricted to the quadrants of the class: 0 where the signs agree, 1 otherwise. */
    private static double[] xor(int label, Random random) {
        double a = random.nextDouble();
        double b = random.nextDouble();
        boolean firstPositive = random.nextBoolean();
        boolean secondPositive = label == 0 ? firstPositive : !firstPositive;
        return new double[] {firstPositive ? a : -a, secondPositive ? b : -b};
    }

    /** Two interleaved arms of an Archimedean spiral of radius up to 1, the second the first turned by pi. */
    private static double[] spiral(int label, Random random) {
        double t = Math.sqrt(random.nextDouble()) * 3 * Math.PI;
        double r = t / (3 * Math.PI);
        double sign = label == 0 ? 1 : -1;
        return new double[] {sign * r * Math.cos(t), sign * r * Math.sin(t)};
    }

    /** scikit-learn's moons: the upper half circle, and the lower one shifted by (1, 0.5). */
    private static double[] moon(int label, Random random) {
        double angle = random.nextDouble() * Math.PI;
        return label == 0 ? new double[] {Math.cos(angle), Math.sin(angle)}
                : new double[] {1 - Math.cos(angle), 0.5 - Math.sin(angle)};
    }
}
