package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void reads_idx_images_and_labels_back_exactly(boolean gzip) throws IOException {
        byte[] pixels = IdxFiles.pixels(5, 4, 3);
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.idx(new int[] {5, 4, 3}, pixels), gzip);
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.idx(new int[] {5}, IdxFiles.labels(5)), gzip);

        Table table = IdxDatasets.table(images, labels, 10);

        assertEquals(5, table.n);
        assertEquals(12, table.d);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, table.labels);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(pixels[i] & 0xff, table.value(i), "pixel " + i);
        }
    }

    @Test
    void loads_mnist_from_a_directory_scaled_to_unit_range() throws IOException {
        IdxFiles.writeDataset(dir, 20, 6, true);
        DatasetSpec spec = DatasetSpec.defaults("mnist").withDirectory(dir).withSplits(0.0, 0.0);

        DataSplits splits = Datasets.load(spec);

        assertEquals(20, splits.train().size());
        assertEquals(0, splits.validation().size());
        assertEquals(6, splits.test().size());
        assertEquals(12, splits.train().featureCount());
        assertEquals(10, splits.train().numClasses());
        assertEquals(IdxDatasets.DIGITS, splits.classNames());
        assertEquals((7 * 3 + 5) / 255f, splits.train().features().getFloat(3, 5), 1e-6);
        assertEquals(1f, splits.test().targets().getFloat(4, 4));
    }

    @Test
    void reports_bad_magic_number_naming_the_file() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {5, 4, 3}, IdxFiles.pixels(5, 4, 3));
        content[2] = 0x0D; // float instead of unsigned byte
        Path file = IdxFiles.write(dir.resolve("images.gz"), content, true);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file, 3));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x00000D03"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
    }

    @Test
    void reports_labels_file_where_images_file_was_expected() throws IOException {
        Path file = IdxFiles.write(dir.resolve("labels"), IdxFiles.idx(new int[] {5}, IdxFiles.labels(5)), false);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file, 3));

        assertTrue(e.getMessage().contains("bad magic number 0x00000801"), e.getMessage());
    }

    @Test
    void reports_truncated_plain_file_with_the_sizes() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {5, 4, 3}, IdxFiles.pixels(5, 4, 3));
        Path file = IdxFiles.write(dir.resolve("images"), Arrays.copyOf(content, content.length - 10), false);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file, 3));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("60 data bytes but only 50 follow"), e.getMessage());
    }

    @Test
    void reports_truncated_gzip_file() throws IOException {
        Path whole = IdxFiles.write(dir.resolve("whole.gz"),
                IdxFiles.idx(new int[] {50, 28, 28}, IdxFiles.pixels(50, 28, 28)), true);
        byte[] gz = Files.readAllBytes(whole);
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file, 3));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void reports_trailing_data_after_the_announced_items() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {5}, IdxFiles.labels(5));
        Path file = IdxFiles.write(dir.resolve("labels"), Arrays.copyOf(content, content.length + 3), false);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file, 1));

        assertTrue(e.getMessage().contains("more data follows the 5 bytes"), e.getMessage());
    }

    @Test
    void reports_label_and_image_counts_that_differ() throws IOException {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.idx(new int[] {5, 4, 3},
                IdxFiles.pixels(5, 4, 3)), false);
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.idx(new int[] {4}, IdxFiles.labels(4)), false);

        DataException e = assertThrows(DataException.class, () -> IdxDatasets.table(images, labels, 10));

        assertTrue(e.getMessage().contains("holds 4 labels but " + images + " holds 5 images"), e.getMessage());
    }

    @Test
    void missing_files_error_names_every_path_and_the_apt_package() {
        Path empty = dir.resolve("nothing-here");
        DatasetSpec spec = DatasetSpec.defaults("fashion-mnist").withDirectory(empty);

        DataException e = assertThrows(DataException.class, () -> Datasets.load(spec));

        for (String file : IdxDatasets.FILES) {
            assertTrue(e.getMessage().contains(empty.resolve(file + ".gz").toString()), e.getMessage());
            assertTrue(e.getMessage().contains(empty.resolve(file).toString()), e.getMessage());
        }
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset.directory: DIR"), e.getMessage());
    }

    @Test
    void mnist_without_a_directory_asks_for_one() {
        DataException e = assertThrows(DataException.class, () -> Datasets.load(DatasetSpec.defaults("mnist")));

        assertTrue(e.getMessage().contains("dataset.directory: DIR"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }
}
