package io.snn4j.data.prophesee;

import io.snn4j.data.ByteInput;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ASCII header of a Prophesee RAW file: lines that start with {@code %} and end with LF, before the first byte
 * that is not {@code %} (or up to and including a {@code % end} line). Recognised keys:
 * <ul>
 *   <li>{@code % evt 2.0}, {@code % evt 2.1}, {@code % evt 3.0} (older files) or
 *       {@code % format EVT3;height=720;width=1280} (newer files): the encoding, and there the geometry;</li>
 *   <li>{@code % geometry 1280x720}: the geometry;</li>
 *   <li>{@code % plugin_name hal_plugin_gen41_evk3}: the camera plugin, giving the geometry of the sensors Prophesee
 *       documents (Gen3 / Gen3.1: 640 x 480; Gen4 / Gen4.1 / IMX636: 1280 x 720; GenX320: 320 x 320) when no other
 *       line does.</li>
 * </ul>
 *
 * @param lines     the header lines without their line ends
 * @param encoding  "2.0", "2.1", "3.0", or "" when the header does not say
 * @param width     sensor width, 0 when unknown
 * @param height    sensor height, 0 when unknown
 * @param dataStart byte offset of the first word
 */
public record RawHeader(List<String> lines, String encoding, int width, int height, long dataStart) {
    /** Longest header line accepted. */
    static final int MAX_LINE = 64 * 1024;

    private static final Pattern EVT = Pattern.compile("%\\s*evt\\s+(\\d\\.\\d)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORMAT = Pattern.compile("%\\s*format\\s+(\\S+)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern GEOMETRY = Pattern.compile("%\\s*geometry\\s+(\\d+)\\s*x\\s*(\\d+)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLUGIN = Pattern.compile("%\\s*plugin_name\\s+(\\S+)\\s*");

    /** Reads the header lines from {@code in}, leaving it at the first word. */
    @SuppressWarnings("AssignmentExpression") // one Matcher tried against each header-line pattern in turn
    public static RawHeader read(ByteInput in) throws IOException {
        List<String> lines = new ArrayList<>();
        String encoding = "";
        int width = 0;
        int height = 0;
        int pluginWidth = 0;
        int pluginHeight = 0;
        while (in.ensure(1) && in.buffer()[in.position()] == '%') {
            long lineStart = in.offset();
            int lf = -1;
            int n = 1;
            while (lf < 0) {
                if (!in.ensure(n)) {
                    throw new MalformedDataException(in.source(), lineStart, "header line without a line end");
                }
                if (in.buffer()[in.position() + n - 1] == '\n') {
                    lf = n - 1;
                } else if (n >= MAX_LINE) {
                    throw new MalformedDataException(in.source(), lineStart, "header line without a line end within "
                            + MAX_LINE + " bytes");
                }
                n++;
            }
            int end = lf > 0 && in.buffer()[in.position() + lf - 1] == '\r' ? lf - 1 : lf;
            String line = new String(in.buffer(), in.position(), end, StandardCharsets.ISO_8859_1);
            in.advance(lf + 1);
            lines.add(line);
            Matcher m;
            if ((m = EVT.matcher(line)).matches()) {
                encoding = m.group(1);
            } else if ((m = FORMAT.matcher(line)).matches()) {
                String[] parts = m.group(1).split(";", -1); // keeps empty parts: ";;" gives a first (empty) name
                String name = parts[0].toUpperCase(Locale.ROOT);
                encoding = switch (name) {
                    case "EVT2" -> "2.0";
                    case "EVT21" -> "2.1";
                    case "EVT3" -> "3.0";
                    default -> name;
                };
                for (int i = 1; i < parts.length; i++) {
                    String[] kv = parts[i].split("=", 2);
                    if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("width")) {
                        width = dimension(kv[1], "width", in.source(), lineStart);
                    } else if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("height")) {
                        height = dimension(kv[1], "height", in.source(), lineStart);
                    }
                }
            } else if ((m = GEOMETRY.matcher(line)).matches()) {
                width = dimension(m.group(1), "width", in.source(), lineStart);
                height = dimension(m.group(2), "height", in.source(), lineStart);
            } else if ((m = PLUGIN.matcher(line)).matches()) {
                int[] size = pluginGeometry(m.group(1));
                pluginWidth = size[0];
                pluginHeight = size[1];
            }
            if (line.strip().equals("% end")) {
                break;
            }
        }
        if (width == 0 || height == 0) {
            width = pluginWidth;
            height = pluginHeight;
        }
        return new RawHeader(List.copyOf(lines), encoding, width, height, in.offset());
    }

    /** Geometry of the camera plugins Prophesee names, or {0, 0}. */
    static int[] pluginGeometry(String plugin) {
        String p = plugin.toLowerCase(Locale.ROOT);
        if (p.contains("genx320")) {
            return new int[] {320, 320};
        }
        if (p.contains("gen4") || p.contains("imx636")) {
            return new int[] {1280, 720};
        }
        if (p.contains("gen3")) {
            return new int[] {640, 480};
        }
        return new int[] {0, 0};
    }

    private static int dimension(String v, String what, String source, long offset) throws MalformedDataException {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= 2048) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedDataException(source, offset, "header " + what + " must be an integer in 1..2048 (11-bit "
                + "addresses), was '" + v.strip() + "'");
    }
}
