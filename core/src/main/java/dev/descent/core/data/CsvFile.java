package dev.descent.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV file as text: the header and each data row with its line number, so that later errors can point at
 * the exact line. Commas separate fields; a field in double quotes may hold commas and doubled quotes
 * ({@code ""}); fields are trimmed; blank lines are skipped. Fields spanning lines are not supported.
 */
final class CsvFile {

    /** A data row and the 1-based line it came from (the header is line 1). */
    record Row(int line, String[] fields) {
    }

    final Path file;
    final List<String> header;
    final List<Row> rows;

    private CsvFile(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /** Reads {@code file}, named by the experiment's {@code setting} ({@code dataset.path}), for messages. */
    static CsvFile read(Path file, String setting) {
        DataFiles.Opened opened = DataFiles.open(file, "CSV", DataFiles.MAX_CSV_BYTES, "`" + setting + "`");
        // Bytes that are not UTF-8 decode to U+FFFD, so the line they are on can be named (a strict decoder
        // fails a whole buffer ahead of the line being read).
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(opened.in(), utf8))) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.indexOf('\uFFFD') >= 0) {
                    throw new DataException(file + " line " + lineNumber + ": not UTF-8 text (or holds U+FFFD,"
                            + " the replacement character); save the file as UTF-8");
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(file, lineNumber, line);
                if (header == null) {
                    header = checkHeader(file, lineNumber, fields);
                } else {
                    rows.add(new Row(lineNumber, fields));
                }
            }
            if (header == null) {
                throw new DataException(file + ": empty; a CSV file needs a header row naming the columns");
            }
            if (rows.isEmpty()) {
                throw new DataException(file + ": has a header row (" + String.join(", ", header)
                        + ") but no data rows; add at least one row of values");
            }
            return new CsvFile(file, header, rows);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read CSV file: " + e, e);
        }
    }

    private static List<String> checkHeader(Path file, int line, String[] fields) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isEmpty()) {
                throw new DataException(file + " line " + line + ": header column " + (i + 1)
                        + " has no name; every column needs a name");
            }
            if (!seen.add(fields[i])) {
                throw new DataException(file + " line " + line + ": duplicate column name '" + fields[i] + "'");
            }
        }
        return List.of(fields);
    }

    /** Splits one line into trimmed fields, honouring double quotes. */
    static String[] split(Path file, int lineNumber, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DataException(file + " line " + lineNumber + ": a quoted field is not closed; fields"
                    + " spanning lines are not supported");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields.toArray(new String[0]);
    }
}
