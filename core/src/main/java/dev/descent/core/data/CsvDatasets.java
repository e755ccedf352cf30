package dev.descent.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A CSV dataset: the label column by name, every other column (or the listed {@code feature_columns}) as a
 * numeric feature. Classification labels, integers or strings, become class indices in sorted order of their
 * distinct values over train and test together (integers sorted numerically), so both files share one mapping.
 *
 * <p>Bad rows are collected (up to {@value #MAX_PROBLEMS}) and reported together with file, line, column and
 * value, so that a dirty file is fixed in one pass instead of one error per run.
 */
final class CsvDatasets {

    static final int MAX_PROBLEMS = 20;

    private CsvDatasets() {
    }

    static RawData load(DatasetSpec spec) {
        if (spec.path() == null) {
            throw new DataException("dataset 'csv' needs a file: set `dataset.path: FILE` to a CSV file with a"
                    + " header row (and optionally `dataset.test_path: FILE`)");
        }
        CsvFile train = CsvFile.read(spec.path(), "dataset.path");
        CsvFile test = spec.testPath() == null ? null : CsvFile.read(spec.testPath(), "dataset.test_path");
        List<String> features = featureColumns(spec, train);
        if (test != null) {
            columnIndices(test, spec.labelColumn(), features);
        }
        boolean classification = spec.task().equals("classification");
        List<String> classNames = classification ? classNames(spec.labelColumn(), train, test) : List.of();
        Map<String, Integer> classIndex = new HashMap<>();
        classNames.forEach(c -> classIndex.put(c, classIndex.size()));
        List<String> problems = new ArrayList<>();
        int[] problemCount = {0};
        Table trainTable = table(train, spec.labelColumn(), features, classification ? classIndex : null,
                problems, problemCount);
        Table testTable = test == null ? null : table(test, spec.labelColumn(), features,
                classification ? classIndex : null, problems, problemCount);
        if (problemCount[0] > 0) {
            StringBuilder message = new StringBuilder("CSV data: ").append(problemCount[0]).append(" bad value")
                    .append(problemCount[0] == 1 ? "" : "s").append(" or row").append(problemCount[0] == 1 ? "" : "s");
            problems.forEach(p -> message.append("\n  ").append(p));
            if (problemCount[0] > problems.size()) {
                message.append("\n  ... and ").append(problemCount[0] - problems.size()).append(" more");
            }
            throw new DataException(message.toString());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("source", spec.path().toString());
        if (test != null) {
            info.put("test_source", spec.testPath().toString());
        }
        info.put("label_column", spec.labelColumn());
        info.put("feature_columns", features);
        return new RawData(trainTable, testTable, classNames.size(), classNames, false, info);
    }

    private static List<String> featureColumns(DatasetSpec spec, CsvFile train) {
        List<String> features = spec.featureColumns() != null ? spec.featureColumns()
                : train.header.stream().filter(c -> !c.equals(spec.labelColumn())).toList();
        if (features.contains(spec.labelColumn())) {
            throw new DataException("dataset.feature_columns: lists the label column '" + spec.labelColumn()
                    + "'; a column cannot be both feature and label");
        }
        columnIndices(train, spec.labelColumn(), features);
        if (features.isEmpty()) {
            throw new DataException(train.file + ": no feature columns; the file has only the label column '"
                    + spec.labelColumn() + "'");
        }
        return features;
    }

    /** Index of the label (first) and each feature column in {@code csv}; fails naming the columns found. */
    private static int[] columnIndices(CsvFile csv, String label, List<String> features) {
        int[] indices = new int[features.size() + 1];
        indices[0] = csv.header.indexOf(label);
        if (indices[0] < 0) {
            throw new DataException(csv.file + ": label column '" + label + "' not found; columns found: "
                    + String.join(", ", csv.header) + ". Set `dataset.label_column` to one of them.");
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            indices[i + 1] = csv.header.indexOf(features.get(i));
            if (indices[i + 1] < 0) {
                missing.add("'" + features.get(i) + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(csv.file + ": feature column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " not found; columns found: " + String.join(", ", csv.header)
                    + ". Fix `dataset.feature_columns`.");
        }
        return indices;
    }

    /** Distinct labels of both files, sorted numerically when all are integers, else as strings. */
    private static List<String> classNames(String label, CsvFile train, CsvFile test) {
        TreeSet<String> distinct = new TreeSet<>();
        for (CsvFile csv : test == null ? List.of(train) : List.of(train, test)) {
            int column = csv.header.indexOf(label);
            for (CsvFile.Row row : csv.rows) {
                if (column < row.fields().length && !row.fields()[column].isEmpty()) {
                    distinct.add(row.fields()[column]);
                }
            }
        }
        boolean integers = distinct.stream().allMatch(s -> s.matches("[-+]?\\d{1,18}"));
        Comparator<String> order = integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
        return distinct.stream().sorted(order).toList();
    }

    private static Table table(CsvFile csv, String label, List<String> features, Map<String, Integer> classes,
                               List<String> problems, int[] problemCount) {
        int[] columns = columnIndices(csv, label, features);
        int n = csv.rows.size();
        int d = features.size();
        float[] x = new float[n * d];
        int[] labels = classes == null ? null : new int[n];
        float[] values = classes == null ? new float[n] : null;
        for (int r = 0; r < n; r++) {
            CsvFile.Row row = csv.rows.get(r);
            String where = csv.file + " line " + row.line();
            if (row.fields().length != csv.header.size()) {
                report(problems, problemCount, where + ": expected " + csv.header.size() + " columns ("
                        + String.join(", ", csv.header) + ") but found " + row.fields().length);
                continue;
            }
            for (int j = 0; j < d; j++) {
                x[r * d + j] = number(row.fields()[columns[j + 1]], where, features.get(j), problems, problemCount);
            }
            String value = row.fields()[columns[0]];
            if (classes != null) {
                Integer index = classes.get(value);
                if (index == null) {
                    report(problems, problemCount, where + ", column '" + label + "': empty label");
                } else {
                    labels[r] = index;
                }
            } else {
                values[r] = number(value, where, label, problems, problemCount);
            }
        }
        return Table.ofFloats(x, n, d, labels, values);
    }

    private static float number(String text, String where, String column, List<String> problems, int[] count) {
        try {
            float value = Float.parseFloat(text);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        report(problems, count, where + ", column '" + column + "': value '" + text
                + "' is not a finite number; features and regression targets must be numeric");
        return 0f;
    }

    private static void report(List<String> problems, int[] count, String problem) {
        count[0]++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}
