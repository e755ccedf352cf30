package dev.descent.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
  * The one place dataset files are opened, so every reader gets the same checks before it reads a byte: the
  * path must be a regular file (not a directory, and not a device or FIFO such as {@code /dev/zero}, which would
  * be read until memory runs out or forever) no larger than the reader's limit.
  */
final class DataFiles {
    /** The largest CSV file: its rows are held as text while parsing, several times the file's size. */
    static final long MAX_CSV_BYTES = 128L << 20;
    /** The largest IDX file (Fashion-MNIST's largest is 47 MB unpacked). */
    static final long MAX_IDX_BYTES = 1L << 30;

    private DataFiles() {}

    /** A checked, opened file: its size and a stream over it. */
    record Opened(Path file, long size, InputStream in) {}

    /**
      * Opens {@code file} for reading as a {@code kind} file ("CSV", "IDX"), refusing anything that is not a
      * regular file of at most {@code maxBytes}; {@code setting} names where the path came from, for the message.
      */
    static Opened open(Path file, String kind, long maxBytes, String setting) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": " + kind + " file not found; check " + setting, e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read " + kind + " file: " + e, e);
        }
        if (attributes.isDirectory()) {
            throw new DataException(file + ": is a directory; " + setting + " must name a " + kind + " file");
        }
        if (!attributes.isRegularFile()) {
            throw new DataException(file + ": is not a regular file (a device, FIFO or socket); " + setting
                    + " must name a " + kind + " file");
        }
        if (attributes.size() > maxBytes) {
            throw new DataException(file + ": is " + megabytes(attributes.size()) + "; the limit for a " + kind
                    + " file is " + megabytes(maxBytes) + ". Use a smaller file or a sample of it.");
        }
        try {
            return new Opened(file, attributes.size(), Files.newInputStream(file));
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": cannot read " + kind + " file: permission denied", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read " + kind + " file: " + e, e);
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
