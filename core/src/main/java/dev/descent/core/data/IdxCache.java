package dev.descent.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoded IDX datasets kept on disk, as torchvision keeps its processed FashionMNIST tensors: the first load
 * inflates the four gzipped files (about 0.3 s of CPU for Fashion-MNIST) and writes the decoded pixels and
 * labels to one file here; later processes read that file in a few bulk reads instead.
 *
 * <p>The file holds exactly the bytes {@link IdxReader} produces (unsigned pixels, labels), so a load from the
 * cache gives the same {@link Table}s, bit for bit, and everything after (splits, scaling, training) is
 * unchanged. One file per directory of sources; its header names the sources' absolute paths, sizes and
 * modification times and the {@link #FORMAT} version, so a changed source or a new format rewrites it. A
 * file that is truncated, corrupt (CRC-32C over the payload) or foreign is ignored and rewritten; it is
 * written to a temporary file and renamed, so a killed process never leaves a torn one. Any failure to read
 * or write only costs the inflating: the cache never fails a load.
 */
final class IdxCache {

    /** Raised whenever the layout below or what {@link IdxReader} produces changes. */
    static final int FORMAT = 1;
    private static final byte[] MAGIC = "DSCNTIDX".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(IdxCache.class);

    /**
     * Below this many decoded bytes the user's cache keeps nothing: inflating a small file costs less than a
     * file per directory would (and tests' temporary datasets would litter the cache).
     */
    static final long MIN_BYTES = 1 << 20;
    /** No cache: every load inflates the files. */
    static final IdxCache OFF = new IdxCache(null, 0);

    /** The cache of this user, or {@link #OFF} when {@code DESCENT_DATA_CACHE=0}. */
    static final IdxCache DEFAULT = fromEnvironment(System.getenv(), System.getProperty("user.home"));

    private final Path directory;
    private final long minBytes;

    /** A cache in {@code directory} (none when null) of datasets of at least {@code minBytes} decoded bytes. */
    IdxCache(Path directory, long minBytes) {
        this.directory = directory;
        this.minBytes = minBytes;
    }

    /**
     * {@code $XDG_CACHE_HOME/descent/datasets} (an absolute XDG_CACHE_HOME only, as the XDG spec asks), else
     * {@code ~/.cache/descent/datasets}; {@link #OFF} when {@code DESCENT_DATA_CACHE} is {@code 0}.
     */
    static IdxCache fromEnvironment(Map<String, String> env, String home) {
        if ("0".equals(env.get("DESCENT_DATA_CACHE"))) {
            return OFF;
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home != null ? Path.of(home, ".cache") : null;
        return base == null ? OFF : new IdxCache(base.resolve("descent").resolve("datasets"), MIN_BYTES);
    }

    Path directory() {
        return directory;
    }

    /** Where the decoded {@code sources} are kept, or null when the cache is off. */
    Path fileFor(List<Path> sources) {
        if (directory == null) {
            return null;
        }
        StringBuilder paths = new StringBuilder();
        sources.forEach(p -> paths.append(p.toAbsolutePath()).append('\n'));
        return directory.resolve("idx-" + sha256(paths.toString()).substring(0, 32) + ".bin");
    }

    /**
     * The train and test tables decoded earlier from {@code sources}, or null when the cache is off or holds
     * no valid copy for the sources as they are now.
     */
    Table[] read(List<Path> sources, int numClasses) {
        Path file = fileFor(sources);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            String problem = null;
            Table[] tables = null;
            byte[] expectedKey = key(sources).getBytes(StandardCharsets.UTF_8);
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 8);
            if (readFully(channel, head) < head.capacity()) {
                problem = "shorter than its header";
            } else {
                head.flip();
                byte[] magic = new byte[MAGIC.length];
                head.get(magic);
                int format = head.getInt();
                int keyLength = head.getInt();
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    problem = "not a descent dataset cache (bad magic)";
                } else if (format != FORMAT) {
                    problem = "format " + format + ", this build writes " + FORMAT;
                } else if (keyLength != expectedKey.length) {
                    problem = "made from other source files or an older copy of them";
                } else {
                    ByteBuffer rest = ByteBuffer.allocate(keyLength + 4 * 4 + 8 + 4);
                    if (readFully(channel, rest) < rest.capacity()) {
                        problem = "truncated header";
                    } else {
                        rest.flip();
                        byte[] key = new byte[keyLength];
                        rest.get(key);
                        if (!java.util.Arrays.equals(key, expectedKey)) {
                            problem = "made from other source files or an older copy of them";
                        } else {
                            tables = new Table[2];
                            problem = readTables(channel, rest, file, tables, numClasses);
                        }
                    }
                }
            }
            if (problem != null) {
                LOG.info("Ignoring the dataset cache {}: {}; it will be rewritten", file, problem);
                return null;
            }
            LOG.debug("Read decoded dataset from the cache {}", file);
            return tables;
        } catch (IOException | RuntimeException e) {
            LOG.info("Ignoring the dataset cache {}: cannot read it ({}); it will be rewritten", file, e.toString());
            return null;
        }
    }

    /** Reads the payload after the header into {@code tables}; returns what is wrong with it, or null. */
    private static String readTables(FileChannel channel, ByteBuffer header, Path file, Table[] tables,
                                     int numClasses) throws IOException {
        int[] n = {header.getInt(), header.getInt()};
        int[] d = {header.getInt(), header.getInt()};
        long payload = header.getLong();
        int crc = header.getInt();
        long expected = 0;
        for (int t = 0; t < 2; t++) {
            if (n[t] < 0 || d[t] < 0 || (long) n[t] * d[t] > DataFiles.MAX_IDX_BYTES) {
                return "corrupt header (" + n[t] + " x " + d[t] + ")";
            }
            expected += (long) n[t] * d[t] + n[t];
        }
        if (payload != expected || channel.size() != channel.position() + payload) {
            return "truncated or padded: " + (channel.size() - channel.position()) + " payload bytes, expected "
                    + expected;
        }
        CRC32C checksum = new CRC32C();
        for (int t = 0; t < 2; t++) {
            byte[] pixels = new byte[n[t] * d[t]];
            byte[] labels = new byte[n[t]];
            if (readFully(channel, ByteBuffer.wrap(pixels)) < pixels.length
                    || readFully(channel, ByteBuffer.wrap(labels)) < labels.length) {
                return "truncated";
            }
            checksum.update(pixels, 0, pixels.length);
            checksum.update(labels, 0, labels.length);
            int[] classes = new int[n[t]];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = labels[i] & 0xff;
                if (classes[i] >= numClasses) {
                    return "label " + classes[i] + " outside 0.." + (numClasses - 1);
                }
            }
            tables[t] = Table.ofPixels(pixels, n[t], d[t], classes);
        }
        return (int) checksum.getValue() == crc ? null : "checksum mismatch (corrupt)";
    }

    /**
     * Keeps {@code train} and {@code test}, decoded from {@code sources}, for later loads. Never throws: a
     * read-only or full disk leaves the cache as it was and is logged at DEBUG. Datasets smaller than the
     * cache's minimum are not kept.
     */
    void write(List<Path> sources, Table train, Table test) {
        Path file = fileFor(sources);
        if (file == null || (long) train.pixels.length + test.pixels.length < minBytes) {
            return;
        }
        Path tmp = null;
        try {
            byte[] key = key(sources).getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(directory);
            tmp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            Table[] tables = {train, test};
            CRC32C checksum = new CRC32C();
            long payload = 0;
            byte[][] labels = new byte[2][];
            for (int t = 0; t < 2; t++) {
                labels[t] = new byte[tables[t].n];
                for (int i = 0; i < labels[t].length; i++) {
                    labels[t][i] = (byte) tables[t].labels[i];
                }
                checksum.update(tables[t].pixels, 0, tables[t].pixels.length);
                checksum.update(labels[t], 0, labels[t].length);
                payload += tables[t].pixels.length + labels[t].length;
            }
            ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 8 + key.length + 4 * 4 + 8 + 4);
            header.put(MAGIC).putInt(FORMAT).putInt(key.length).put(key);
            header.putInt(train.n).putInt(test.n).putInt(train.d).putInt(test.d);
            header.putLong(payload).putInt((int) checksum.getValue()).flip();
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeFully(out, header);
                for (int t = 0; t < 2; t++) {
                    writeFully(out, ByteBuffer.wrap(tables[t].pixels));
                    writeFully(out, ByteBuffer.wrap(labels[t]));
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            LOG.debug("Wrote the decoded dataset to the cache {}", file);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not write the dataset cache {} ({}); loads inflate the files until it can be",
                    file, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to do: a stray temporary file in a cache directory
                }
            }
        }
    }

    /** What the cached copy was made from: the format and each source's absolute path, size and mtime. */
    static String key(List<Path> sources) throws IOException {
        StringBuilder key = new StringBuilder("descent idx cache ").append(FORMAT).append('\n');
        for (Path source : sources) {
            BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
            key.append(source.toAbsolutePath()).append('\t').append(a.size()).append('\t')
                    .append(a.lastModifiedTime().toInstant()).append('\n');
        }
        return key.toString();
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
