package dev.descent.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset ready for training: train, validation (possibly empty) and test examples, the class names (empty
 * for regression) and provenance ({@code info}: source paths, sizes, scaling, seed) to record with each run.
 *
 * <p>Instances come from the process-wide cache of {@link Datasets} and are shared between threads: never write
 * into the arrays. {@code info} keeps its insertion order so that it prints in a stable, readable order.
 */
public record DataSplits(String name, Examples train, Examples validation, Examples test,
                         List<String> classNames, Map<String, Object> info) {

    public DataSplits {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        classNames = List.copyOf(classNames);
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }
}
