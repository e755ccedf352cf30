package dev.descent.core.data;

import java.util.List;
import java.util.Map;

/**
 * What a reader produces before preparation: the training rows, the test rows when the source has its own test
 * set ({@code null} otherwise, then {@link Preparation} splits one off), the classes, whether the features are
 * 0..255 pixel values (so that {@code scale: unit} divides by 255) and provenance for {@link DataSplits#info()}.
 */
record RawData(Table train, Table test, int numClasses, List<String> classNames, boolean pixels,
               Map<String, Object> info) {
}
