package io.snn4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A comma-separated table with a header line, as the trainer and {@link TrainingRecorder} write them (no quoting).
 * Cells are checked when read: a missing column, a short row or a value that is not a finite number is an
 * {@link IOException} naming the file, the line and the column. Immutable.
 */
final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;

    private CsvTable(Path file, List<String> header, List<String[]> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /** Reads {@code file}, which must have every column of {@code required}. */
    static CsvTable read(Path file, String... required) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty, expected a header line");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        for (String c : required) {
            if (!header.contains(c)) {
                throw new IOException(file + ": line 1: no column '" + c + "' (columns: " + lines.get(0) + ")");
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] r = lines.get(i).split(",", -1);
            if (r.length < header.size()) {
                throw new IOException(file + ": line " + (i + 1) + ": " + r.length + " cells, the header has "
                        + header.size());
            }
            rows.add(r);
        }
        return new CsvTable(file, header, rows);
    }

    int size() {
        return rows.size();
    }

    String text(int row, String column) {
        return rows.get(row)[index(column)];
    }

    /** A cell as a finite number. */
    double number(int row, String column) throws IOException {
        String s = text(row, column);
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the place
        }
        throw new IOException(file + ": data row " + (row + 1) + ", column '" + column + "': expected a finite "
                + "number, was '" + s + "'");
    }

    /** A cell as an int (written as a whole number). */
    int integer(int row, String column) throws IOException {
        double v = number(row, column);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IOException(file + ": data row " + (row + 1) + ", column '" + column
                    + "': expected a whole number, was " + text(row, column));
        }
        return (int) v;
    }

    boolean has(String column) {
        return header.contains(column);
    }

    List<String> header() {
        return header;
    }

    private int index(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(file + ": no column '" + column + "'");
        }
        return i;
    }
}
