package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparationTest {

    @TempDir
    Path dir;

    /** A CSV whose only feature is the row id 0..n-1, so every example can be traced back to its row. */
    private Path ids(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("id,label");
        for (int i = 0; i < n; i++) {
            lines.add(i + "," + (i % 3));
        }
        return Files.write(dir.resolve("ids.csv"), lines);
    }

    private static Set<Integer> idsOf(Examples examples) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < examples.size(); i++) {
            ids.add((int) examples.features().getFloat(i, 0));
        }
        return ids;
    }

    private DatasetSpec idSpec(int n) throws IOException {
        return DatasetSpec.defaults("csv").withPaths(ids(n), null).withScale("none");
    }

    @Test
    void validation_and_test_are_split_off_without_overlap() throws IOException {
        DataSplits splits = Datasets.loadUncached(idSpec(1000).withSplits(0.25, 0.2));

        assertEquals(200, splits.test().size());
        assertEquals(200, splits.validation().size());
        assertEquals(600, splits.train().size());
        Set<Integer> all = new HashSet<>(idsOf(splits.train()));
        all.addAll(idsOf(splits.validation()));
        all.addAll(idsOf(splits.test()));
        assertEquals(1000, all.size(), "train, validation and test are disjoint and cover every row");
        assertEquals(200, splits.info().get("validation_size"));
    }

    @Test
    void limit_subsamples_train_then_validation_comes_from_the_limited_set() throws IOException {
        DatasetSpec spec = idSpec(1000).withSplits(0.1, 0.2).withLimits(300, 50);

        DataSplits a = Datasets.loadUncached(spec);
        DataSplits b = Datasets.loadUncached(spec);

        assertEquals(270, a.train().size());
        assertEquals(30, a.validation().size());
        assertEquals(50, a.test().size());
        assertEquals(idsOf(a.train()), idsOf(b.train()), "same seed, same subsample");
        assertEquals(idsOf(a.validation()), idsOf(b.validation()));
        DataSplits c = Datasets.loadUncached(spec.withSeed(43));
        assertTrue(!idsOf(a.train()).equals(idsOf(c.train())), "another seed, another subsample");
    }

    @Test
    void limit_larger_than_the_data_keeps_everything() throws IOException {
        DataSplits splits = Datasets.loadUncached(idSpec(10).withSplits(0.0, 0.0).withLimits(500, null));

        assertEquals(10, splits.train().size());
        assertEquals(0, splits.validation().size());
        assertEquals(1, splits.validation().featureCount());
    }

    @Test
    void standardisation_uses_training_statistics_only() throws IOException {
        Path train = Files.write(dir.resolve("train.csv"), List.of("x,c,label", "0,5,a", "1,5,b", "2,5,a", "3,5,b"));
        Path test = Files.write(dir.resolve("test.csv"), List.of("x,c,label", "10,7,a"));
        DatasetSpec spec = DatasetSpec.defaults("csv").withPaths(train, test).withSplits(0.0, 0.0)
                .withScale("standard");

        DataSplits splits = Datasets.loadUncached(spec);

        double std = Math.sqrt(1.25); // population std of 0, 1, 2, 3
        assertEquals((0 - 1.5) / std, splits.train().features().getFloat(0, 0), 1e-6);
        assertEquals((10 - 1.5) / std, splits.test().features().getFloat(0, 0), 1e-5);
        assertEquals(0f, splits.train().features().getFloat(0, 1), "a constant feature becomes 0");
        assertEquals(2f, splits.test().features().getFloat(0, 1), "and keeps the training offset");
        assertEquals(0.0, splits.train().features().getColumn(0).meanNumber().doubleValue(), 1e-6);
    }

    @Test
    void unit_scaling_of_non_pixel_data_is_min_max_from_training() throws IOException {
        Path train = Files.write(dir.resolve("train.csv"), List.of("x,label", "2,a", "4,b", "6,a"));
        Path test = Files.write(dir.resolve("test.csv"), List.of("x,label", "8,a"));
        DatasetSpec spec = DatasetSpec.defaults("csv").withPaths(train, test).withSplits(0.0, 0.0)
                .withScale("unit");

        DataSplits splits = Datasets.loadUncached(spec);

        assertEquals(0.5f, splits.train().features().getFloat(1, 0), 1e-6);
        assertEquals(1.5f, splits.test().features().getFloat(0, 0), 1e-6);
    }

    @Test
    void cache_returns_the_same_instance_for_the_same_spec() throws Exception {
        DatasetSpec spec = DatasetSpec.defaults("moons").withSeed(1234);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DataSplits>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> Datasets.load(spec)));
            }
            DataSplits first = futures.get(0).get();
            for (Future<DataSplits> future : futures) {
                assertSame(first, future.get());
            }
            assertSame(first, Datasets.load(DatasetSpec.defaults("moons").withSeed(1234)));
            assertNotSame(first, Datasets.load(spec.withSeed(1235)));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void cache_key_resolves_relative_paths() throws IOException {
        Path file = ids(20);
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        DatasetSpec spec = DatasetSpec.defaults("csv").withPaths(file, null);

        assertSame(Datasets.load(spec), Datasets.load(spec.withPaths(relative, null)));
    }

    @Test
    void a_failed_load_is_not_cached() throws IOException {
        Path file = dir.resolve("later.csv");
        DatasetSpec spec = DatasetSpec.defaults("csv").withPaths(file, null);
        try {
            Datasets.load(spec);
        } catch (DataException expected) {
            // the file does not exist yet
        }
        Files.write(file, List.of("x,label", "1,a", "2,b", "3,a", "4,b", "5,a"));

        assertEquals(1, Datasets.load(spec).train().featureCount());
    }
}
