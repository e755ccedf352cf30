package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(CsvDatasetsTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static DatasetSpec spec(Path train, Path test) {
        return DatasetSpec.defaults("csv").withPaths(train, test).withSplits(0.0, 0.0).withScale("none");
    }

    @Test
    void reads_a_good_file_with_string_labels_as_sorted_classes() {
        DatasetSpec spec = spec(resource("flowers.csv"), null).withColumns("species", null, "classification");

        DataSplits splits = Datasets.load(spec);

        assertEquals(List.of("setosa", "versicolor", "virginica"), splits.classNames());
        assertEquals(9, splits.train().size());
        assertEquals(4, splits.train().featureCount());
        assertEquals(3, splits.train().numClasses());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, splits.train().labels());
        assertEquals(5.1f, splits.train().features().getFloat(0, 0), 1e-6);
        assertEquals(1.8f, splits.train().features().getFloat(8, 3), 1e-6);
        assertEquals(1f, splits.train().targets().getFloat(2, 2));
    }

    @Test
    void integer_labels_sort_numerically_and_test_file_shares_the_mapping() throws IOException {
        Path train = csv("train.csv", "a,b,y", "1,2,10", "3,4,9", "5,6,10");
        Path test = csv("test.csv", "y,b,a", "9,0,1", "2,1,1");

        DataSplits splits = Datasets.load(spec(train, test).withColumns("y", null, "classification"));

        assertEquals(List.of("2", "9", "10"), splits.classNames());
        assertArrayEquals(new int[] {2, 1, 2}, splits.train().labels());
        assertArrayEquals(new int[] {1, 0}, splits.test().labels());
        assertEquals(0f, splits.test().features().getFloat(0, 1), "columns are matched by name, not position");
    }

    @Test
    void explicit_feature_columns_select_and_order_the_features() throws IOException {
        Path train = csv("train.csv", "id,a,b,label", "1,2,3,x", "4,5,6,y");

        DataSplits splits = Datasets.load(spec(train, null).withColumns("label", List.of("b", "a"), "classification"));

        assertEquals(2, splits.train().featureCount());
        assertEquals(3f, splits.train().features().getFloat(0, 0));
        assertEquals(2f, splits.train().features().getFloat(0, 1));
    }

    @Test
    void regression_targets_are_one_column() throws IOException {
        Path train = csv("train.csv", "x,y", "1,0.5", "2,1.5", "3,2.5");

        DataSplits splits = Datasets.load(spec(train, null).withColumns("y", null, "regression"));

        assertEquals(0, splits.train().numClasses());
        assertEquals(0, splits.train().labels().length);
        assertArrayEquals(new long[] {3, 1}, splits.train().targets().shape());
        assertEquals(2.5f, splits.train().targets().getFloat(2, 0));
        assertEquals(List.of(), splits.classNames());
    }

    @Test
    void reports_bad_csv_row_with_line_number_column_and_value() throws IOException {
        Path train = csv("bad.csv", "a,b,label", "1,2,x", "", "3,oops,y", "4,5", "6,7,x");

        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(spec(train, null).withColumns("label", null, "classification")));

        String message = e.getMessage();
        assertTrue(message.contains("2 bad values or rows"), message);
        assertTrue(message.contains(train + " line 4, column 'b': value 'oops' is not a finite number"), message);
        assertTrue(message.contains(train + " line 5: expected 3 columns (a, b, label) but found 2"), message);
    }

    @Test
    void missing_label_column_lists_the_columns_found() throws IOException {
        Path train = csv("train.csv", "sepal,petal,kind", "1,2,x");

        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(spec(train, null).withColumns("label", null, "classification")));

        assertTrue(e.getMessage().contains("label column 'label' not found; columns found: sepal, petal, kind"),
                e.getMessage());
        assertTrue(e.getMessage().contains(train.toString()), e.getMessage());
    }

    @Test
    void missing_feature_column_lists_the_columns_found() throws IOException {
        Path train = csv("train.csv", "a,b,label", "1,2,x");

        DataException e = assertThrows(DataException.class, () -> Datasets.load(
                spec(train, null).withColumns("label", List.of("a", "c"), "classification")));

        assertTrue(e.getMessage().contains("feature column 'c' not found; columns found: a, b, label"),
                e.getMessage());
    }

    @Test
    void missing_file_is_named() {
        Path nowhere = dir.resolve("nowhere.csv");

        DataException e = assertThrows(DataException.class, () -> Datasets.load(spec(nowhere, null)));

        assertTrue(e.getMessage().contains(nowhere + ": CSV file not found"), e.getMessage());
    }

    @Test
    void quoted_fields_may_hold_commas() {
        String[] fields = CsvFile.split(Path.of("x.csv"), 1, " 1 ,\"a, \"\"b\"\"\", 2");

        assertArrayEquals(new String[] {"1", "a, \"b\"", "2"}, fields);
    }

    @Test
    void splits_off_a_test_set_when_there_is_no_test_file() {
        DatasetSpec spec = spec(resource("flowers.csv"), null).withColumns("species", null, "classification")
                .withSplits(0.0, 0.3);

        DataSplits splits = Datasets.load(spec);

        assertEquals(3, splits.test().size());
        assertEquals(6, splits.train().size());
    }
}
