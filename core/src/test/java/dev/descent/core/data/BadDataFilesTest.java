package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad dataset file ends as a {@link DataException} naming the file and what is wrong, before anything
 * large is allocated: never an internal error, an OutOfMemoryError or a read that does not end.
 */
class BadDataFilesTest {
    @TempDir
    Path dir;

    private Path csv(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static String csvError(Path train, Path test, String task) {
        DatasetSpec spec = DatasetSpec.defaults("csv").withPaths(train, test).withSplits(0.0, 0.0).withScale("none")
                .withColumns("y", null, task);
        DataException e = assertThrows(DataException.class, () -> Datasets.loadUncached(spec));
        return e.getMessage();
    }

    private static void mentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    @Test
    void a_csv_with_only_a_header_row() throws IOException {
        Path train = csv("train.csv", "a,b,y");
        mentions(csvError(train, null, "classification"), train.toString(), "no data rows", "a, b, y");
    }

    @Test
    void a_test_csv_with_only_a_header_row() throws IOException {
        Path train = csv("train.csv", "a,y", "1,0", "2,1");
        Path test = csv("test.csv", "a,y", "");
        mentions(csvError(train, test, "classification"), test.toString(), "no data rows");
    }

    @Test
    void an_empty_csv() throws IOException {
        Path train = Files.write(dir.resolve("empty.csv"), new byte[0]);
        mentions(csvError(train, null, "classification"), train.toString(), "empty");
    }

    @Test
    void ragged_rows_non_numeric_cells_and_nan_targets_are_reported_together() throws IOException {
        Path train = csv("train.csv", "a,b,y", "1,2,0.5", "1,2", "x,2,1", "1,2,NaN", "1,2,3,4");
        mentions(csvError(train, null, "regression"), "4 bad values or rows", "line 3: expected 3 columns",
                "line 4, column 'a': value 'x'", "line 5, column 'y': value 'NaN'", "line 6: expected 3 columns");
    }

    @Test
    void a_csv_that_is_not_utf8() throws IOException {
        Path train = Files.write(dir.resolve("latin1.csv"), "a,y\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        mentions(csvError(train, null, "classification"), train.toString(), "line 2", "not UTF-8");
    }

    @Test
    void a_directory_given_as_a_csv_file() {
        mentions(csvError(dir, null, "classification"), dir.toString(), "is a directory", "`dataset.path`");
    }

    @Test
    void a_device_given_as_a_csv_file() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        mentions(csvError(zero, null, "classification"), "/dev/zero", "not a regular file");
    }

    @Test
    void a_fifo_given_as_a_csv_file() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        mentions(csvError(fifo, null, "classification"), fifo.toString(), "not a regular file");
    }

    @Test
    void a_csv_over_the_size_limit() throws IOException {
        Path big = dir.resolve("big.csv");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(DataFiles.MAX_CSV_BYTES + 1); // sparse: no disk space used
        }
        mentions(csvError(big, null, "classification"), big.toString(), "134.2 MB", "the limit for a CSV file is 134.2 MB");
    }

    private static String idxError(Path file, int dims) {
        return assertThrows(DataException.class, () -> IdxReader.read(file, dims)).getMessage();
    }

    @Test
    void an_idx_file_with_a_bad_magic_number() throws IOException {
        Path file = Files.write(dir.resolve("images"), new byte[] {1, 2, 3, 4, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9});
        mentions(idxError(file, 3), file.toString(), "bad magic number 0x01020304");
    }

    @Test
    void an_idx_file_truncated_inside_its_data() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {10, 4, 3}, IdxFiles.pixels(10, 4, 3));
        Path file = Files.write(dir.resolve("images"), java.util.Arrays.copyOf(whole, whole.length - 7));
        mentions(idxError(file, 3), file.toString(), "truncated", "120 data bytes but only 113 follow");
    }

    @Test
    void an_idx_header_declaring_huge_dimensions_is_refused_before_allocating() throws IOException {
        Path plain = IdxFiles.write(dir.resolve("plain"), IdxFiles.idx(new int[] {60000, 28, 28}, new byte[10]), false);
        mentions(idxError(plain, 3), plain.toString(), "truncated", "47040000 data bytes but only 10 follow");
        Path huge = IdxFiles.write(dir.resolve("huge"), IdxFiles.idx(new int[] {0x7fffffff, 0x7fffffff, 0x7fffffff},
                new byte[10]), false);
        mentions(idxError(huge, 3), huge.toString(), "over 2^63", "the file is corrupt");
        Path gzipped = IdxFiles.write(dir.resolve("gz"), IdxFiles.idx(new int[] {60000, 28, 28}, new byte[10]), true);
        mentions(idxError(gzipped, 3), gzipped.toString(), "gzipped bytes cannot unpack to that many");
    }

    @Test
    void a_device_or_directory_named_like_an_idx_file() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        mentions(idxError(zero, 3), "/dev/zero", "not a regular file");
        IdxFiles.writeDataset(dir, 5, 2, false);
        Files.delete(dir.resolve("train-images-idx3-ubyte"));
        Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        DatasetSpec spec = DatasetSpec.defaults("mnist").withDirectory(dir);
        mentions(assertThrows(DataException.class, () -> Datasets.loadUncached(spec)).getMessage(),
                "train-images-idx3-ubyte: is a directory");
    }
}
