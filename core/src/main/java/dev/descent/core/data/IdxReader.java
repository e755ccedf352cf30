package dev.descent.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX file of unsigned bytes (the format of MNIST and Fashion-MNIST), gzipped or not.
 *
 * <p>Gzip is recognised by its magic bytes, not the file name, so a renamed file still reads. The data is read
 * in one pass into an array of exactly the size the header announces; a short read, a trailing excess, a wrong
 * magic number or a wrong number of dimensions is reported with the file and what is wrong, because a truncated
 * download otherwise shows up much later as a baffling accuracy.
 */
final class IdxReader {

    /** The IDX type code of unsigned bytes. */
    static final int UBYTE = 0x08;
    private static final int BUFFER = 1 << 16;

    /** A decoded IDX file: its dimensions ({@code dims[0]} is the item count) and raw bytes in row-major order. */
    record Idx(Path file, int[] dims, byte[] data) {
        int count() {
            return dims[0];
        }

        /** Bytes per item: the product of the dimensions after the first. */
        int itemSize() {
            int size = 1;
            for (int i = 1; i < dims.length; i++) {
                size *= dims[i];
            }
            return size;
        }
    }

    private IdxReader() {
    }

    /** Reads {@code file}, which must hold unsigned bytes in {@code expectedDims} dimensions. */
    static Idx read(Path file, int expectedDims) {
        DataFiles.Opened opened = DataFiles.open(file, "IDX", DataFiles.MAX_IDX_BYTES, "`dataset.directory`");
        try (InputStream raw = opened.in(); Source source = open(raw)) {
            InputStream in = source.in();
            int[] dims = readHeader(file, in, expectedDims);
            long size = 1;
            for (int dim : dims) {
                size = Math.multiplyHigh(size, dim) != 0 ? Long.MAX_VALUE : size * dim;
            }
            checkDeclaredSize(opened, source.gzipped(), dims, size, 4L + 4L * expectedDims);
            byte[] data = new byte[(int) size];
            int got = readFully(in, data);
            if (got < data.length) {
                throw new DataException(file + ": truncated: the header announces " + Arrays.toString(dims)
                        + " = " + data.length + " data bytes but only " + got + " follow."
                        + " Download or copy the file again.");
            }
            if (in.read() != -1) {
                throw new DataException(file + ": corrupt: more data follows the " + data.length
                        + " bytes announced by the header " + Arrays.toString(dims));
            }
            return new Idx(file, dims, data);
        } catch (EOFException | ZipException e) {
            throw new DataException(file + ": truncated or corrupt gzip data (" + e.getMessage()
                    + "). Download or copy the file again.", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * Checks the size the header announces against the file before allocating it: a plain file must hold exactly
     * the header and that many bytes; a gzipped one cannot unpack to more than {@value #MAX_GZIP_RATIO} times
     * its size (deflate's limit is about 1032), and neither may exceed {@link DataFiles#MAX_IDX_BYTES}.
     */
    private static void checkDeclaredSize(DataFiles.Opened opened, boolean gzipped, int[] dims, long size,
                                          long headerBytes) {
        Path file = opened.file();
        long itemSize = 1;
        for (int i = 1; i < dims.length; i++) {
            itemSize = Math.min(itemSize * dims[i], Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (size > DataFiles.MAX_IDX_BYTES || itemSize > DataFiles.MAX_IDX_BYTES) {
            String bytes = size == Long.MAX_VALUE ? "over 2^63 bytes"
                    : size > DataFiles.MAX_IDX_BYTES ? size + " bytes" : "items of " + itemSize + " bytes";
            throw new DataException(file + ": header announces dimensions " + Arrays.toString(dims) + " ("
                    + bytes + "), more than the "
                    + DataFiles.megabytes(DataFiles.MAX_IDX_BYTES) + " an IDX dataset may hold; the file is corrupt");
        }
        if (gzipped && size > (opened.size() + 1) * MAX_GZIP_RATIO) {
            throw new DataException(file + ": header announces dimensions " + Arrays.toString(dims) + " = " + size
                    + " data bytes, but " + opened.size() + " gzipped bytes cannot unpack to that many;"
                    + " the file is truncated or corrupt. Download or copy the file again.");
        }
        if (!gzipped && headerBytes + size > opened.size()) {
            throw new DataException(file + ": truncated: the header announces " + Arrays.toString(dims)
                    + " = " + size + " data bytes but only " + Math.max(0, opened.size() - headerBytes)
                    + " follow. Download or copy the file again.");
        }
    }

    private static final long MAX_GZIP_RATIO = 1100;

    /** The file's bytes, unpacked when they are gzipped. */
    private record Source(InputStream in, boolean gzipped) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Source open(InputStream raw) throws IOException {
        var in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new Source(new GZIPInputStream(in, BUFFER), true) : new Source(in, false);
    }

    private static int[] readHeader(Path file, InputStream in, int expectedDims) throws IOException {
        byte[] magic = new byte[4];
        if (readFully(in, magic) < 4) {
            throw new DataException(file + ": truncated: shorter than the 4-byte IDX magic number");
        }
        int value = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8)
                | (magic[3] & 0xff);
        int expected = (UBYTE << 8) | expectedDims;
        if (value != expected) {
            throw new DataException(String.format("%s: bad magic number 0x%08X; expected 0x%08X (IDX, unsigned"
                    + " bytes, %d dimension%s). The file is corrupt or not the IDX file this name promises.",
                    file, value, expected, expectedDims, expectedDims == 1 ? "" : "s"));
        }
        byte[] header = new byte[4 * expectedDims];
        if (readFully(in, header) < header.length) {
            throw new DataException(file + ": truncated: the header of " + expectedDims + " dimension sizes is"
                    + " incomplete");
        }
        int[] dims = new int[expectedDims];
        for (int i = 0; i < expectedDims; i++) {
            dims[i] = ((header[4 * i] & 0xff) << 24) | ((header[4 * i + 1] & 0xff) << 16)
                    | ((header[4 * i + 2] & 0xff) << 8) | (header[4 * i + 3] & 0xff);
            if (dims[i] < 0) {
                throw new DataException(file + ": corrupt header: dimension " + i + " is " + dims[i]);
            }
        }
        return dims;
    }

    /** Reads until {@code buffer} is full or the stream ends; returns the number of bytes read. */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
