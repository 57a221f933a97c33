package io.snn4j.data.aedat;

import io.snn4j.data.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ASCII header of AEDAT 2.0 / 3.1 files: lines starting with {@code #} and ending with CRLF (LF accepted), either
 * up to and including an end line ({@code #!END-HEADER}) or up to the first line that does not start with {@code #}.
 *
 * @param lines     the header lines without their line ends
 * @param dataStart byte offset of the first data byte
 */
record HeaderLines(List<String> lines, int dataStart) {
    /** Longest header line accepted, to stop at binary data that happens to start with '#'. */
    static final int MAX_LINE = 64 * 1024;

    /**
     * @param endLine the line that ends the header (consumed), or null to stop at the first non-'#' byte
     */
    static HeaderLines parse(byte[] data, String source, String endLine) throws MalformedDataException {
        List<String> lines = new ArrayList<>();
        int pos = 0;
        while (pos < data.length && data[pos] == '#') {
            int lf = -1;
            int limit = Math.min(data.length, pos + MAX_LINE);
            for (int i = pos; i < limit; i++) {
                if (data[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                throw new MalformedDataException(source, pos, "header line without a line end within "
                        + MAX_LINE + " bytes");
            }
            int end = lf > pos && data[lf - 1] == '\r' ? lf - 1 : lf;
            String line = new String(data, pos, end - pos, StandardCharsets.ISO_8859_1);
            lines.add(line);
            pos = lf + 1;
            if (endLine != null && line.strip().equals(endLine)) {
                return new HeaderLines(List.copyOf(lines), pos);
            }
        }
        if (endLine != null) {
            throw new MalformedDataException(source, pos, "header has no '" + endLine + "' line");
        }
        return new HeaderLines(List.copyOf(lines), pos);
    }
}
