package dev.descent.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST and MNIST: finds the four IDX files in a directory and turns each images/labels pair into a
 * {@link Table} of 0..255 pixel values (scaling happens in {@link Preparation}).
 *
 * <p>When files are missing the error lists every path that was tried and both ways to get them, because the
 * person reading it is usually setting up a fresh machine.
 */
final class IdxDatasets {

    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private IdxDatasets() {
    }

    static RawData load(DatasetSpec spec) {
        return load(spec, IdxCache.DEFAULT);
    }

    /** As {@link #load(DatasetSpec)}, with decoded files kept in (and read from) {@code cache}. */
    static RawData load(DatasetSpec spec, IdxCache cache) {
        boolean fashion = spec.name().equals("fashion-mnist");
        Path dir = spec.directory() != null ? spec.directory()
                : fashion ? DatasetSpec.FASHION_MNIST_DIRECTORY : null;
        if (dir == null) {
            throw new DataException("dataset 'mnist' needs a directory: set `dataset.directory: DIR` to a"
                    + " directory holding the four IDX files " + String.join(", ", FILES)
                    + " (each may be gzipped, with .gz). MNIST has no default location.");
        }
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String file : FILES) {
            Path gz = dir.resolve(file + ".gz");
            Path plain = dir.resolve(file);
            // exists, not isRegularFile: a directory or device of that name is reported as such when opened
            if (Files.exists(gz)) {
                found.add(gz);
            } else if (Files.exists(plain)) {
                found.add(plain);
            } else {
                missing.add(gz + " or " + plain);
            }
        }
        if (!missing.isEmpty()) {
            throw missingFiles(spec.name(), fashion, dir, missing);
        }
        List<String> classes = fashion ? FASHION_CLASSES : DIGITS;
        Table[] tables = cache.read(found, classes.size());
        if (tables == null) {
            var test = Parallel.start(() -> table(found.get(2), found.get(3), classes.size()));
            Table train = table(found.get(0), found.get(1), classes.size());
            tables = new Table[] {train, Parallel.join(test)};
            cache.write(found, tables[0], tables[1]);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("source", dir.toString());
        info.put("files", found.stream().map(Path::toString).toList());
        return new RawData(tables[0], tables[1], classes.size(), classes, true, info);
    }

    private static DataException missingFiles(String name, boolean fashion, Path dir, List<String> missing) {
        StringBuilder message = new StringBuilder("dataset '").append(name).append("': ")
                .append(missing.size()).append(" of the 4 IDX files not found in ").append(dir)
                .append(". Looked for:");
        missing.forEach(m -> message.append("\n  ").append(m));
        message.append("\nTo fix: ");
        if (fashion) {
            message.append("install them with `apt-get install dataset-fashion-mnist` (puts them in ")
                    .append(DatasetSpec.FASHION_MNIST_DIRECTORY).append("), or ");
        }
        message.append("set `dataset.directory: DIR` to a directory holding the four files ")
                .append(String.join(".gz, ", FILES)).append(".gz (gzipped or not).");
        return new DataException(message.toString());
    }

    /** One images/labels pair as a table of pixel values 0..255 (kept as bytes) with class indices. */
    static Table table(Path imagesFile, Path labelsFile, int numClasses) {
        IdxReader.Idx images = IdxReader.read(imagesFile, 3);
        IdxReader.Idx labels = IdxReader.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new DataException(labelsFile + " holds " + labels.count() + " labels but " + imagesFile
                    + " holds " + images.count() + " images; one is truncated or they come from different"
                    + " datasets");
        }
        int n = images.count();
        int[] classes = new int[n];
        byte[] rawLabels = labels.data();
        for (int i = 0; i < n; i++) {
            classes[i] = rawLabels[i] & 0xff;
            if (classes[i] >= numClasses) {
                throw new DataException(labelsFile + ": label " + classes[i] + " of item " + i
                        + " is outside 0.." + (numClasses - 1) + "; the file is corrupt");
            }
        }
        return Table.ofPixels(images.data(), n, images.itemSize(), classes);
    }
}
