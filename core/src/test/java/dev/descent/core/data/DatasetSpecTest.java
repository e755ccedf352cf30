package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

    @Test
    void every_listed_name_has_defaults() {
        for (String name : Datasets.names()) {
            assertEquals(name, DatasetSpec.defaults(name).name());
        }
        assertEquals("unit", DatasetSpec.defaults("fashion-mnist").scale());
        assertEquals(DatasetSpec.FASHION_MNIST_DIRECTORY, DatasetSpec.defaults("fashion-mnist").directory());
        assertEquals(List.of("csv", "fashion-mnist", "mnist", "moons", "spirals", "xor"), Datasets.names());
    }

    @Test
    void reports_every_invalid_field_at_once() {
        DatasetSpec d = DatasetSpec.defaults("xor");

        DataException e = assertThrows(DataException.class, () -> new DatasetSpec("xor", null, null, null,
                "label", null, "clustering", 1.5, -0.1, 0, null, "minmax", d.samples(), -1, d.noise(), 1));

        String message = e.getMessage();
        assertTrue(message.startsWith("dataset: 6 problems"), message);
        assertTrue(message.contains("dataset.task: was 'clustering', must be one of classification, regression"),
                message);
        assertTrue(message.contains("dataset.validation_split: was 1.5, must be >= 0 and < 1"), message);
        assertTrue(message.contains("dataset.test_split: was -0.1"), message);
        assertTrue(message.contains("dataset.limit: was 0, must be >= 1"), message);
        assertTrue(message.contains("dataset.scale: was 'minmax', must be one of unit, standard, none"), message);
        assertTrue(message.contains("dataset.test_samples: was -1"), message);
    }

    @Test
    void rejects_unknown_dataset_naming_the_available_ones() {
        DataException e = assertThrows(DataException.class, () -> DatasetSpec.defaults("cifar10"));

        assertTrue(e.getMessage().contains("unknown dataset 'cifar10'; available: csv, fashion-mnist, mnist,"
                + " moons, spirals, xor"), e.getMessage());
    }

    @Test
    void regression_is_refused_for_classification_datasets() {
        DatasetSpec spec = DatasetSpec.defaults("xor").withColumns("label", null, "regression");

        DataException e = assertThrows(DataException.class, () -> Datasets.load(spec));

        assertTrue(e.getMessage().contains("regression needs a csv dataset"), e.getMessage());
    }
}
