package dev.descent.core.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Turns a reader's {@link RawData} into {@link DataSplits}: splits off a test set when the source has none,
 * subsamples ({@code limit}, {@code test_limit}), holds out validation, then scales while creating the arrays.
 *
 * <p>The order matters: {@code limit} shrinks the training set before validation is taken from it, and scaling
 * statistics come from the final training rows only, so no validation or test information leaks into training.
 * Each random step has its own {@link Random} derived from the seed, so changing one setting (say the
 * validation split) does not change which rows another step (say the limit) picks.
 */
final class Preparation {

    private static final long TEST_SPLIT = 0x7E57L;
    private static final long LIMIT = 0x11317L;
    private static final long TEST_LIMIT = 0x7E5711L;
    private static final long VALIDATION = 0x7A11DL;

    private Preparation() {
    }

    static DataSplits prepare(DatasetSpec spec, RawData raw) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dataset", spec.name());
        info.putAll(raw.info());
        Table train = raw.train();
        Table test = raw.test();
        if (test == null) {
            Table[] parts = holdOut(train, spec.testSplit(), new Random(spec.seed() ^ TEST_SPLIT));
            train = parts[0];
            test = parts[1];
            info.put("test_split", spec.testSplit());
        }
        info.put("available_train_size", train.n);
        info.put("available_test_size", test.n);
        if (spec.limit() != null) {
            train = subsample(train, spec.limit(), new Random(spec.seed() ^ LIMIT));
        }
        if (spec.testLimit() != null) {
            test = subsample(test, spec.testLimit(), new Random(spec.seed() ^ TEST_LIMIT));
        }
        Table[] parts = holdOut(train, spec.validationSplit(), new Random(spec.seed() ^ VALIDATION));
        train = parts[0];
        Table validation = parts[1];
        Scaling.Transform scaling = Scaling.fit(spec.scale(), raw.pixels(), train);
        info.put("scale", scaling.description());
        info.put("train_size", train.n);
        info.put("validation_size", validation.n);
        info.put("test_size", test.n);
        info.put("features", train.d);
        info.put("classes", raw.numClasses());
        info.put("validation_split", spec.validationSplit());
        if (spec.limit() != null) {
            info.put("limit", spec.limit());
        }
        if (spec.testLimit() != null) {
            info.put("test_limit", spec.testLimit());
        }
        info.put("seed", spec.seed());
        int k = raw.numClasses();
        Table heldOut = test;
        var others = Parallel.start(() -> new Examples[] {validation.toExamples(k, scaling),
                heldOut.toExamples(k, scaling)});
        Examples trainExamples = train.toExamples(k, scaling);
        Examples[] validationAndTest = Parallel.join(others);
        return new DataSplits(spec.name(), trainExamples, validationAndTest[0], validationAndTest[1],
                raw.classNames(), info);
    }

    /**
     * Splits {@code round(n * fraction)} rows, chosen by a seeded shuffle, off {@code table}: returns
     * {@code [kept, heldOut]}, each in the original row order. At least one row is always kept.
     */
    static Table[] holdOut(Table table, double fraction, Random random) {
        int held = (int) Math.min(Math.round(table.n * fraction), Math.max(0, table.n - 1));
        if (held == 0) {
            return new Table[] {table, table.select(new int[0])};
        }
        int[] order = permutation(table.n, random);
        int[] heldRows = Arrays.copyOfRange(order, 0, held);
        int[] keptRows = Arrays.copyOfRange(order, held, table.n);
        Arrays.sort(heldRows);
        Arrays.sort(keptRows);
        return new Table[] {table.select(keptRows), table.select(heldRows)};
    }

    /** A seeded random subset of {@code limit} rows in original order; the whole table when it is smaller. */
    static Table subsample(Table table, int limit, Random random) {
        if (limit >= table.n) {
            return table;
        }
        int[] rows = Arrays.copyOf(permutation(table.n, random), limit);
        Arrays.sort(rows);
        return table.select(rows);
    }

    /** A Fisher-Yates shuffle of {@code 0..n-1}. */
    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
