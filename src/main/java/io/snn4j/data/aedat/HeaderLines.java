package io.snn4j.data.aedat;

import io.snn4j.data.ByteInput;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
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
record HeaderLines(List<String> lines, long dataStart) {
    /** Longest header line accepted, to stop at binary data that happens to start with '#'. */
    static final int MAX_LINE = 64 * 1024;

    /**
     * Reads the header from {@code in}, leaving it at the first data byte.
     *
     * @param endLine the line that ends the header (consumed), or null to stop at the first non-'#' byte
     */
    static HeaderLines read(ByteInput in, String endLine) throws IOException {
        List<String> lines = new ArrayList<>();
        while (in.ensure(1) && in.buffer()[in.position()] == '#') {
            long lineStart = in.offset();
            int lf = -1;
            for (int n = 1; lf < 0; n++) {
                if (n > MAX_LINE || !in.ensure(n)) {
                    throw new MalformedDataException(in.source(), lineStart, "header line without a line end within "
                            + MAX_LINE + " bytes");
                }
                if (in.buffer()[in.position() + n - 1] == '\n') {
                    lf = n - 1;
                }
            }
            int end = lf > 0 && in.buffer()[in.position() + lf - 1] == '\r' ? lf - 1 : lf;
            String line = new String(in.buffer(), in.position(), end, StandardCharsets.ISO_8859_1);
            in.advance(lf + 1);
            lines.add(line);
            if (endLine != null && line.strip().equals(endLine)) {
                return new HeaderLines(List.copyOf(lines), in.offset());
            }
        }
        if (endLine != null) {
            throw new MalformedDataException(in.source(), in.offset(), "header has no '" + endLine + "' line");
        }
        return new HeaderLines(List.copyOf(lines), in.offset());
    }
}
