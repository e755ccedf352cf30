package dev.descent.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, in the layout of the MNIST distribution. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** The bytes of an IDX file of unsigned bytes with the given dimensions and data. */
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt((IdxReader.UBYTE << 8) | dims.length);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** Images where pixel {@code j} of image {@code i} is {@code (i * 7 + j) % 256}: easy to check exactly. */
    static byte[] pixels(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows * cols; j++) {
                data[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
            }
        }
        return data;
    }

    static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return data;
    }

    /** The four MNIST files with {@code train} and {@code test} images of 4x3 pixels in {@code dir}. */
    static void writeDataset(Path dir, int train, int test, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + suffix), idx(new int[] {train, 4, 3}, pixels(train, 4, 3)), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + suffix), idx(new int[] {train}, labels(train)), gzip);
        write(dir.resolve("t10k-images-idx3-ubyte" + suffix), idx(new int[] {test, 4, 3}, pixels(test, 4, 3)), gzip);
        write(dir.resolve("t10k-labels-idx1-ubyte" + suffix), idx(new int[] {test}, labels(test)), gzip);
    }
}
