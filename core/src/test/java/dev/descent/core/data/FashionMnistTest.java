package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the real Fashion-MNIST from Debian's {@code dataset-fashion-mnist}. Skipped where the package is not
 * installed, except under {@code CI=true}, where the files must be there and the test fails loudly instead.
 */
class FashionMnistTest {

    private static final Path DIR = DatasetSpec.FASHION_MNIST_DIRECTORY;

    @BeforeAll
    static void requireFiles() {
        boolean present = IdxDatasets.FILES.stream().allMatch(f -> Files.isRegularFile(DIR.resolve(f + ".gz")));
        Assumptions.assumeTrue(present || "true".equals(System.getenv("CI")),
                "Fashion-MNIST not found in " + DIR + ": install the Debian package dataset-fashion-mnist"
                        + " (apt-get install dataset-fashion-mnist) to run this test");
        Nd4j.create(DataType.FLOAT, 1, 1); // the backend's one-time start is not part of loading
    }

    @Test
    void loads_fashion_mnist_with_unit_scaling_quickly() {
        DatasetSpec spec = DatasetSpec.defaults("fashion-mnist").withSplits(0.0, 0.0);

        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        DataSplits splits = Datasets.loadUncached(spec);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        System.out.println("Fashion-MNIST (60000 + 10000 images) loaded in " + millis + " ms (" + cpuMillis
                + " ms CPU on the loading thread)");

        assertEquals(60000, splits.train().size());
        assertEquals(10000, splits.test().size());
        assertEquals(784, splits.train().featureCount());
        assertEquals(10, splits.train().numClasses());
        assertEquals(IdxDatasets.FASHION_CLASSES, splits.classNames());
        for (Examples examples : new Examples[] {splits.train(), splits.test()}) {
            INDArray x = examples.features();
            assertTrue(x.minNumber().floatValue() >= 0f, "min " + x.minNumber());
            assertEquals(1f, x.maxNumber().floatValue(), 1e-6);
            assertEquals(examples.size(), examples.targets().sumNumber().intValue(), "one-hot rows");
        }
        int[] counts = new int[10];
        for (int label : splits.train().labels()) {
            counts[label]++;
        }
        for (int count : counts) {
            assertEquals(6000, count, "Fashion-MNIST has 6000 training images per class");
        }
        // Measured on the 2-core dev VM: 1.0-1.2 s once the process has memory to reuse, 2.5-3 s as the first
        // large allocation of a fresh JVM (first touch of fresh pages costs ~0.5-1 s per 188 MB there), more when
        // other builds share the cores. The bound catches gross regressions, not machine noise.
        assertTrue(millis < 30_000, "loading took " + millis + " ms");
    }

    @Test
    void the_decoded_cache_holds_exactly_the_inflated_files(@TempDir Path cacheDir) {
        DatasetSpec spec = DatasetSpec.defaults("fashion-mnist").resolved();
        IdxCache cache = new IdxCache(cacheDir, IdxCache.MIN_BYTES);
        RawData inflated = IdxDatasets.load(spec, cache);
        RawData cached = IdxDatasets.load(spec, cache);
        assertTrue(inflated.train() != cached.train(), "the second load read the cache file");
        assertEquals(60000, cached.train().n);
        assertEquals(10000, cached.test().n);
        assertArrayEquals(inflated.train().pixels, cached.train().pixels);
        assertArrayEquals(inflated.train().labels, cached.train().labels);
        assertArrayEquals(inflated.test().pixels, cached.test().pixels);
        assertArrayEquals(inflated.test().labels, cached.test().labels);
    }
}
