package io.snn4j.data.audio;

import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads NIST SPHERE files ({@code .sph}, {@code .wav} of TIMIT and TI46) into mono {@link Audio}. Stateless and
 * thread-safe.
 *
 * <p>Layout: an ASCII header of {@code headerSize} bytes (1024 in practice), then the sample body.
 * <pre>
 * NIST_1A\n
 *    1024\n                           header size in bytes, including these two lines
 * sample_rate -i 16000\n              key -type value: -i integer, -r real, -sN string of N characters
 * sample_count -i 42000\n             samples per channel
 * sample_n_bytes -i 2\n               1 or 2
 * channel_count -i 1\n                default 1; channels are interleaved
 * sample_byte_format -s2 01\n         01 little-endian, 10 big-endian, 1 for one-byte samples
 * sample_coding -s3 pcm\n             pcm (the default when absent) or ulaw
 * end_head\n                          then blanks up to headerSize
 * body: sample_count x channel_count x sample_n_bytes bytes from byte headerSize (trailing bytes are ignored)
 * </pre>
 * PCM samples are signed two's complement (one-byte PCM too, as SoX reads it) scaled by {@code 1 / 2^(bits-1)};
 * mu-law bytes are decoded as G.711 to 16-bit linear first. Channels are mixed down by averaging. A body with no
 * samples gives an empty {@link Audio}. When {@code sample_count} is absent it is taken from the body length.
 *
 * <p>Shorten-compressed files ({@code sample_coding} containing {@code shorten}, as in
 * {@code pcm,embedded-shorten-v2.00}) and other codings (a-law, wavpack, shortpack) are refused with a
 * {@link MalformedDataException} that says so; decompress them first, for example with
 * {@code sph2pipe -f wav in.sph out.wav}. Every other problem is a {@link MalformedDataException} naming the file, the
 * byte offset (of the header line concerned) and the problem.
 */
public final class SphereReader {
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private SphereReader() {
    }

    /** Reads {@code path}. */
    public static Audio read(Path path) throws IOException {
        String name = String.valueOf(path.getFileName());
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 16) {
            throw new MalformedDataException(name, 0, "file of " + size
                    + " bytes is larger than the 2 GiB this reader supports");
        }
        return parse(name, Files.readAllBytes(path));
    }

    private record Field(String value, int offset) {
    }

    /** Parses a whole SPHERE file held in {@code b} (read); {@code name} is used in messages. */
    static Audio parse(String name, byte[] b) throws MalformedDataException {
        Header h = header(name, b);
        Encoding e = encoding(name, b, h);
        long count = sampleCount(name, b.length, h, e);
        float[] out = decode(b, h.size(), e, (int) count);
        String format = e.ulaw() ? "sphere ulaw" : "sphere pcm";
        return new Audio(out, e.sampleRate(), e.channels(), e.bytes() * 8, format);
    }

    /**
     * The header's fields.
     *
     * @param size       header size in bytes: the body starts there
     * @param sizeOffset byte offset of the header size line, named by messages about absent fields
     */
    private record Header(int size, int sizeOffset, Map<String, Field> fields) {
    }

    /**
     * How the body encodes samples.
     *
     * @param bytes     bytes per sample and channel (1 or 2)
     * @param bigEndian byte order of 2-byte samples
     */
    private record Encoding(boolean ulaw, double sampleRate, int bytes, int channels, boolean bigEndian) {
    }

    /** Reads the two first lines and the {@code key -type value} lines up to {@code end_head}. */
    private static Header header(String name, byte[] b) throws MalformedDataException {
        int len = b.length;
        int line1End = lineEnd(b, 0, Math.min(len, 64));
        if (line1End < 0 || !new String(b, 0, line1End, StandardCharsets.US_ASCII).strip().equals("NIST_1A")) {
            throw new MalformedDataException(name, 0, "not a NIST SPHERE file: the first line must be 'NIST_1A'");
        }
        int line2 = line1End + 1;
        int line2End = lineEnd(b, line2, Math.min(len, line2 + 64));
        String sizeText = line2End < 0 ? "" : new String(b, line2, line2End - line2, StandardCharsets.US_ASCII).strip();
        if (!sizeText.matches("[0-9]{1,9}")) {
            throw new MalformedDataException(name, line2, "header size line must be a number, was '" + sizeText + "'");
        }
        int headerSize = Integer.parseInt(sizeText);
        if (headerSize > len) {
            throw new MalformedDataException(name, line2, "header size " + headerSize + " is larger than the file ("
                    + len + " bytes)");
        }
        if (headerSize <= line2End || headerSize > MAX_HEADER_BYTES) {
            throw new MalformedDataException(name, line2, "header size " + headerSize + " must lie between "
                    + (line2End + 1) + " and " + MAX_HEADER_BYTES + " bytes");
        }
        Map<String, Field> fields = new HashMap<>();
        int pos = line2End + 1;
        boolean ended = false;
        while (pos < headerSize) {
            int end = lineEnd(b, pos, headerSize);
            if (end < 0) {
                end = headerSize;
            }
            String line = new String(b, pos, end - pos, StandardCharsets.US_ASCII);
            String stripped = line.strip();
            if (stripped.equals("end_head")) {
                ended = true;
                break;
            }
            if (!stripped.isEmpty() && !stripped.startsWith(";")) {
                parseField(name, line, pos, fields);
            }
            pos = end + 1;
        }
        if (!ended) {
            throw new MalformedDataException(name, headerSize, "header ends at byte " + headerSize
                    + " without its 'end_head' marker");
        }
        return new Header(headerSize, line2, fields);
    }

    /** Checks the coding, sample rate, sample size, channel count and byte order fields. */
    private static Encoding encoding(String name, byte[] b, Header h) throws MalformedDataException {
        Map<String, Field> fields = h.fields();
        int line2 = h.sizeOffset();
        int headerSize = h.size();
        int len = b.length;
        String coding = text(fields, "sample_coding", "pcm").toLowerCase(Locale.ROOT);
        int codingAt = offset(fields, "sample_coding", line2);
        if (coding.contains("shorten") || (len - headerSize >= 4 && WavReader.ascii(b, headerSize, "ajkg"))) {
            throw new MalformedDataException(name, codingAt,
                    "shorten-compressed SPHERE is not supported (sample_coding '" + coding
                    + "'); decompress it first, for example with 'sph2pipe -f wav in.sph out.wav'"
                    + " or 'sph2pipe -f sph in.sph out.sph'");
        }
        boolean ulaw = coding.equals("ulaw") || coding.equals("mu-law");
        if (!ulaw && !coding.equals("pcm")) {
            throw new MalformedDataException(name, codingAt, "unsupported sample_coding '" + coding
                    + "'; supported: pcm, ulaw");
        }
        double sampleRate = number(name, fields, "sample_rate", Double.NaN);
        if (Double.isNaN(sampleRate)) {
            throw new MalformedDataException(name, line2, "header has no sample_rate field");
        }
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new MalformedDataException(name, offset(fields, "sample_rate", line2), "sample_rate must be > 0, was "
                    + sampleRate);
        }
        long bytes = (long) number(name, fields, "sample_n_bytes", ulaw ? 1 : -1);
        int bytesAt = offset(fields, "sample_n_bytes", line2);
        if (bytes == -1) {
            throw new MalformedDataException(name, line2, "header has no sample_n_bytes field");
        }
        if (ulaw ? bytes != 1 : (bytes != 1 && bytes != 2)) {
            throw new MalformedDataException(name, bytesAt, "sample_n_bytes must be " + (ulaw ? "1 for ulaw" : "1 or 2")
                    + ", was " + bytes);
        }
        long channels = (long) number(name, fields, "channel_count", 1);
        if (channels < 1 || channels > 1024) {
            throw new MalformedDataException(name, offset(fields, "channel_count", line2),
                    "channel_count must lie in 1..1024, was " + channels);
        }
        boolean bigEndian = bigEndian(name, fields, bytes, line2);
        return new Encoding(ulaw, sampleRate, (int) bytes, (int) channels, bigEndian);
    }

    /** Whether 2-byte samples are big-endian; checks {@code sample_byte_format} against the sample size. */
    private static boolean bigEndian(String name, Map<String, Field> fields, long bytes, int line2)
            throws MalformedDataException {
        if (bytes == 2) {
            Field f = fields.get("sample_byte_format");
            if (f == null) {
                throw new MalformedDataException(name, line2,
                        "header has no sample_byte_format field for 2-byte samples");
            }
            if (f.value.equals("10")) {
                return true;
            } else if (!f.value.equals("01")) {
                throw new MalformedDataException(name, f.offset, "unsupported sample_byte_format '" + f.value
                        + "' for 2-byte samples; supported: 01 (little-endian), 10 (big-endian)");
            }
        } else {
            Field f = fields.get("sample_byte_format");
            if (f != null && !f.value.equals("1")) {
                throw new MalformedDataException(name, f.offset,
                        "sample_byte_format must be '1' for 1-byte samples, was '" + f.value + "'");
            }
        }
        return false;
    }

    /** {@code sample_count}, or the body's whole frames when absent; checked against the body length. */
    private static long sampleCount(String name, int len, Header h, Encoding e) throws MalformedDataException {
        Map<String, Field> fields = h.fields();
        int line2 = h.sizeOffset();
        int headerSize = h.size();
        long bytes = e.bytes();
        long channels = e.channels();
        long body = (long) len - headerSize;
        long frameBytes = bytes * channels;
        long wholeFrames = body / frameBytes;
        long count = (long) number(name, fields, "sample_count", (double) wholeFrames);
        if (count < 0 || count > body / frameBytes) {
            BigInteger needed = BigInteger.valueOf(count).multiply(BigInteger.valueOf(frameBytes));
            throw new MalformedDataException(name, offset(fields, "sample_count", line2), "sample_count " + count
                    + " x " + bytes + " bytes x " + channels + " channels = " + needed + " bytes is larger than the "
                    + body + "-byte body at byte " + headerSize);
        }
        return count;
    }

    /** Decodes {@code count} frames from byte {@code from}, mixing the channels down by averaging. */
    private static float[] decode(byte[] b, int from, Encoding e, int count) {
        boolean ulaw = e.ulaw();
        int bytes = e.bytes();
        int channels = e.channels();
        boolean bigEndian = e.bigEndian();
        float[] out = new float[count];
        int p = from;
        double scale = 1.0 / channels;
        for (int i = 0; i < count; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                if (ulaw) {
                    sum += ulawToLinear(b[p++]) / 32768.0;
                } else if (bytes == 1) {
                    sum += b[p++] / 128.0;
                } else {
                    int lo = bigEndian ? b[p + 1] & 0xFF : b[p] & 0xFF;
                    int hi = bigEndian ? b[p] : b[p + 1];
                    sum += (short) (hi << 8 | lo) / 32768.0;
                    p += 2;
                }
            }
            out[i] = (float) (sum * scale);
        }
        return out;
    }

    private static void parseField(String name, String line, int offset, Map<String, Field> fields)
            throws MalformedDataException {
        String rest = line.stripLeading();
        int sp1 = rest.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : rest.indexOf(' ', sp1 + 1);
        if (sp2 < 0) {
            throw new MalformedDataException(name, offset, "header line '" + line.strip()
                    + "' is not of the form 'key -type value'");
        }
        String key = rest.substring(0, sp1);
        String type = rest.substring(sp1 + 1, sp2);
        String value = rest.substring(sp2 + 1);
        if (type.startsWith("-s")) {
            int n;
            try {
                n = Integer.parseInt(type.substring(2));
            } catch (NumberFormatException e) {
                throw new MalformedDataException(name, offset,
                        "header field '" + key + "' has bad type '" + type + "'", e);
            }
            if (n < 0 || n > value.length()) {
                throw new MalformedDataException(name, offset, "header field '" + key + "' declares " + n
                        + " characters but has " + value.length());
            }
            value = value.substring(0, n);
        } else if (type.equals("-i") || type.equals("-r")) {
            value = value.strip();
        } else {
            throw new MalformedDataException(name, offset, "header field '" + key + "' has unknown type '" + type
                    + "' (expected -i, -r or -sN)");
        }
        fields.put(key, new Field(value, offset));
    }

    private static double number(String name, Map<String, Field> fields, String key, double absent)
            throws MalformedDataException {
        Field f = fields.get(key);
        if (f == null) {
            return absent;
        }
        try {
            return key.equals("sample_rate") ? Double.parseDouble(f.value) : Long.parseLong(f.value);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(name, f.offset, key + " must be a number, was '" + f.value + "'", e);
        }
    }

    private static String text(Map<String, Field> fields, String key, String absent) {
        Field f = fields.get(key);
        return f == null ? absent : f.value.strip();
    }

    private static int offset(Map<String, Field> fields, String key, int absent) {
        Field f = fields.get(key);
        return f == null ? absent : f.offset;
    }

    /** Index of the next '\n' in [from, to), or -1. */
    private static int lineEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** G.711 mu-law byte to 16-bit linear (range -32124..32124). */
    static int ulawToLinear(byte code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }
}
