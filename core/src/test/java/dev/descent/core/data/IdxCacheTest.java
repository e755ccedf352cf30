package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The on-disk cache of decoded IDX files: reused while valid, rewritten when not, never a reason to fail. */
class IdxCacheTest {

    @TempDir
    Path tmp;
    Path sources;
    Path cacheDir;
    DatasetSpec spec;

    @BeforeEach
    void writeSources() throws IOException {
        sources = Files.createDirectories(tmp.resolve("mnist"));
        cacheDir = tmp.resolve("cache");
        IdxFiles.writeDataset(sources, 50, 20, true);
        spec = DatasetSpec.defaults("mnist").withDirectory(sources).resolved();
    }

    @Test
    void writes_the_decoded_files_once_and_reads_back_identical_tables() throws IOException {
        IdxCache cache = new IdxCache(cacheDir, 0);
        RawData first = IdxDatasets.load(spec, cache);
        List<Path> entries = cacheFiles();
        assertEquals(1, entries.size(), "one cache file: " + entries);
        FileTime written = Files.getLastModifiedTime(entries.get(0));

        RawData second = IdxDatasets.load(spec, cache);
        assertSameTables(first, second);
        assertEquals(written, Files.getLastModifiedTime(entries.get(0)), "reused, not rewritten");
        assertEquals(List.of(entries.get(0)), cacheFiles());
        assertSameTables(IdxDatasets.load(spec, IdxCache.OFF), second);
    }

    @Test
    void prepared_splits_are_bit_identical_with_and_without_the_cache() {
        Nd4j.create(DataType.FLOAT, 1, 1);
        IdxCache cache = new IdxCache(cacheDir, 0);
        DatasetSpec scaled = spec.withSplits(0.2, 0.0);
        IdxDatasets.load(spec, cache); // fills the cache
        DataSplits cached = Preparation.prepare(scaled, IdxDatasets.load(spec, cache));
        DataSplits plain = Preparation.prepare(scaled, IdxDatasets.load(spec, IdxCache.OFF));
        for (String part : new String[] {"train", "validation", "test"}) {
            Examples a = part(cached, part);
            Examples b = part(plain, part);
            assertArrayEquals(b.features().data().asFloat(), a.features().data().asFloat(), part);
            assertArrayEquals(b.labels(), a.labels(), part);
        }
    }

    @Test
    void a_changed_source_file_invalidates_the_cache() throws IOException {
        IdxCache cache = new IdxCache(cacheDir, 0);
        IdxDatasets.load(spec, cache);
        Path cached = cacheFiles().get(0);
        byte[] before = Files.readAllBytes(cached);

        // same size, new modification time and content: the new content is loaded and cached
        Path labels = sources.resolve("train-labels-idx1-ubyte.gz");
        byte[] changed = IdxFiles.labels(50);
        changed[0] = 9;
        IdxFiles.write(labels, IdxFiles.idx(new int[] {50}, changed), true);
        Files.setLastModifiedTime(labels, FileTime.fromMillis(Files.getLastModifiedTime(labels).toMillis() + 5000));
        RawData reloaded = IdxDatasets.load(spec, cache);
        assertEquals(9, reloaded.train().labels[0]);
        assertFalse(Arrays.equals(before, Files.readAllBytes(cached)), "rewritten for the new sources");

        // a different size (more test images) also reads the new files
        IdxFiles.writeDataset(sources, 50, 30, true);
        assertEquals(30, IdxDatasets.load(spec, cache).test().n);
        assertEquals(30, IdxDatasets.load(spec, cache).test().n);
        assertEquals(1, cacheFiles().size());
    }

    @Test
    void a_corrupt_truncated_or_foreign_cache_file_is_ignored_and_rewritten() throws IOException {
        IdxCache cache = new IdxCache(cacheDir, 0);
        RawData original = IdxDatasets.load(spec, cache);
        Path cached = cacheFiles().get(0);
        byte[] good = Files.readAllBytes(cached);

        byte[] flipped = good.clone();
        flipped[flipped.length - 30] ^= 0x40; // a pixel: only the checksum can tell
        byte[] truncated = Arrays.copyOf(good, good.length - 7);
        byte[] foreign = "not a cache file at all, just some text".getBytes();
        byte[] otherFormat = good.clone();
        ByteBuffer.wrap(otherFormat).putInt(8, IdxCache.FORMAT + 1);
        for (byte[] bad : List.of(flipped, truncated, foreign, otherFormat, new byte[0])) {
            Files.write(cached, bad);
            assertNull(cache.read(IdxDatasets.FILES.stream()
                    .map(f -> sources.resolve(f + ".gz")).toList(), 10), "rejected");
            assertSameTables(original, IdxDatasets.load(spec, cache));
            assertArrayEquals(good, Files.readAllBytes(cached), "rewritten");
        }
    }

    @Test
    void an_unwritable_cache_directory_still_loads() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "a file where the cache directory should be");
        IdxCache blocked = new IdxCache(notADirectory.resolve("datasets"), 0);
        RawData data = IdxDatasets.load(spec, blocked);
        assertSameTables(IdxDatasets.load(spec, IdxCache.OFF), data);
        assertEquals(50, data.train().n);

        Files.createDirectories(cacheDir);
        boolean readOnly = cacheDir.toFile().setWritable(false, false);
        try {
            // as root a read-only directory is still writable: then only the case above applies
            if (readOnly && !Files.isWritable(cacheDir)) {
                assertSameTables(data, IdxDatasets.load(spec, new IdxCache(cacheDir, 0)));
                assertEquals(List.of(), cacheFiles(), "nothing written, no temporary file left");
            }
        } finally {
            cacheDir.toFile().setWritable(true, false);
        }
    }

    @Test
    void descent_data_cache_0_turns_it_off_xdg_cache_home_moves_it_and_small_sets_are_not_kept() {
        assertSame(IdxCache.OFF, IdxCache.fromEnvironment(Map.of("DESCENT_DATA_CACHE", "0"), "/home/x"));
        assertEquals(Path.of("/xdg/descent/datasets"),
                IdxCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/x").directory());
        assertEquals(Path.of("/home/x/.cache/descent/datasets"),
                IdxCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "relative"), "/home/x").directory());
        assertEquals(Path.of("/home/x/.cache/descent/datasets"),
                IdxCache.fromEnvironment(Map.of("DESCENT_DATA_CACHE", "1"), "/home/x").directory());

        IdxDatasets.load(spec, IdxCache.OFF);
        assertFalse(Files.exists(cacheDir));
        IdxDatasets.load(spec, new IdxCache(cacheDir, IdxCache.MIN_BYTES));
        assertFalse(Files.exists(cacheDir), "a dataset of 840 bytes is not worth a cache file");
        assertNull(IdxCache.OFF.fileFor(List.of(sources)));
    }

    @Test
    void different_source_directories_get_different_cache_files() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        IdxFiles.writeDataset(other, 10, 5, false);
        IdxCache cache = new IdxCache(cacheDir, 0);
        IdxDatasets.load(spec, cache);
        RawData small = IdxDatasets.load(DatasetSpec.defaults("mnist").withDirectory(other).resolved(), cache);
        assertEquals(10, small.train().n);
        assertEquals(2, cacheFiles().size());
        assertEquals(50, IdxDatasets.load(spec, cache).train().n);
        assertNotEquals(cache.fileFor(List.of(sources)), cache.fileFor(List.of(other)));
    }

    private static Examples part(DataSplits splits, String name) {
        return switch (name) {
            case "train" -> splits.train();
            case "validation" -> splits.validation();
            default -> splits.test();
        };
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.sorted().toList();
        }
    }

    private static void assertSameTables(RawData expected, RawData actual) {
        for (Table[] pair : new Table[][] {{expected.train(), actual.train()}, {expected.test(), actual.test()}}) {
            assertEquals(pair[0].n, pair[1].n);
            assertEquals(pair[0].d, pair[1].d);
            assertArrayEquals(pair[0].pixels, pair[1].pixels);
            assertArrayEquals(pair[0].labels, pair[1].labels);
        }
        assertTrue(actual.pixels());
    }
}
