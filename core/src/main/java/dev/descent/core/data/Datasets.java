package dev.descent.core.data;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads datasets, once per process.
 *
 * <p>A sweep runs many cells, often on several threads, over the same data; reading Fashion-MNIST for each
 * would cost time and hundreds of megabytes per copy. So {@link #load} keeps a process-wide cache keyed by the
 * resolved {@link DatasetSpec} (absolute paths): the first caller loads, concurrent callers with the same spec
 * wait for that load, and all receive the same {@link DataSplits} instance. A failed load is not cached, so a
 * fixed file is picked up by the next call. The returned arrays are shared: read them, never write them.
 */
public final class Datasets {

    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);
    private static final List<String> NAMES = List.of("csv", "fashion-mnist", "mnist", "moons", "spirals", "xor");
    private static final ConcurrentMap<DatasetSpec, CompletableFuture<DataSplits>> CACHE = new ConcurrentHashMap<>();

    private Datasets() {
    }

    /** The dataset names a spec may use, sorted. */
    public static List<String> names() {
        return NAMES;
    }

    /** The prepared splits for {@code spec}, from the cache when this process has loaded them before. */
    public static DataSplits load(DatasetSpec spec) throws DataException {
        DatasetSpec key = spec.resolved();
        CompletableFuture<DataSplits> mine = new CompletableFuture<>();
        CompletableFuture<DataSplits> existing = CACHE.putIfAbsent(key, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            DataSplits splits = loadUncached(key);
            mine.complete(splits);
            return splits;
        } catch (RuntimeException | Error e) {
            CACHE.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static DataSplits await(CompletableFuture<DataSplits> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DataException data) {
                throw new DataException(data.getMessage(), data);
            }
            throw new DataException("loading the dataset failed in another thread: " + cause, cause);
        }
    }

    /** Reads and prepares {@code spec} without the cache. */
    static DataSplits loadUncached(DatasetSpec spec) {
        long start = System.nanoTime();
        RawData raw = switch (spec.name()) {
            case "fashion-mnist", "mnist" -> IdxDatasets.load(requireClassification(spec));
            case "csv" -> CsvDatasets.load(spec);
            case "xor", "spirals", "moons" -> GeneratedDatasets.load(requireClassification(spec));
            default -> throw new DataException("dataset.name: unknown dataset '" + spec.name() + "'; available: "
                    + String.join(", ", NAMES));
        };
        DataSplits splits = Preparation.prepare(spec, raw);
        LOG.info("Loaded dataset {} in {} ms: {} train, {} validation, {} test, {} features", spec.name(),
                (System.nanoTime() - start) / 1_000_000, splits.train().size(), splits.validation().size(),
                splits.test().size(), splits.train().featureCount());
        return splits;
    }

    private static DatasetSpec requireClassification(DatasetSpec spec) {
        if (!spec.task().equals("classification")) {
            throw new DataException("dataset.task: was '" + spec.task() + "', but dataset '" + spec.name()
                    + "' is a classification dataset; use task: classification (regression needs a csv dataset)");
        }
        return spec;
    }

    /** Forgets every cached dataset (tests; freeing memory between unrelated sweeps). */
    static void clearCache() {
        CACHE.clear();
    }
}
