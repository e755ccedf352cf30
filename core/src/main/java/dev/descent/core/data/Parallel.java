package dev.descent.core.data;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs one side of a load on a second core: the test set while the main thread does the training set, and a
 * run's provenance (digests of the plugin jars and dataset files) while its data loads.
 *
 * <p>Loading Fashion-MNIST is dominated by decompression and by faulting in fresh memory (about 4 us per 4 KB
 * page on these VMs, most of a second for the 188 MB training matrix); the smaller test set can be done
 * meanwhile. Daemon threads, so an idle pool never keeps the JVM alive.
 */
public final class Parallel {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "descent-data-load");
        thread.setDaemon(true);
        return thread;
    });

    private Parallel() {
    }

    public static <T> CompletableFuture<T> start(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, POOL);
    }

    /** The result of {@code future}, rethrowing its {@link RuntimeException} or {@link Error} unwrapped. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
