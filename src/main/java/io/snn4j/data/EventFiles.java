package io.snn4j.data;

import io.snn4j.data.aedat.Aedat31Reader;
import io.snn4j.data.aedat.Aedat4Reader;
import io.snn4j.data.nmnist.NmnistReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an event file of any supported format, detected from its content and name:
 * <ol>
 *   <li>a first line {@code #!AER-DAT4.0}: {@link EventFormat#AEDAT4};</li>
 *   <li>a first line {@code #!AER-DAT3.1}: {@link EventFormat#AEDAT31};</li>
 *   <li>a first line {@code #!AER-DAT} of another version (2.0, 3.0, ...): refused as unsupported, naming it;</li>
 *   <li>a name ending {@code .bin} or {@code .bs2}: {@link EventFormat#NMNIST} (34 x 34 sensor).</li>
 * </ol>
 * Anything else is refused with a message listing what is supported. Stateless and thread-safe.
 */
public final class EventFiles {
    private static final String AEDAT_PREFIX = "#!AER-DAT";

    private EventFiles() {
    }

    /**
     * Reads {@code file} in its detected format.
     *
     * @param lenient skip and count malformed records instead of failing on the first
     * @throws MalformedDataException for an unsupported format or malformed content, naming file and byte offset
     * @throws IOException            when the file cannot be read
     */
    public static EventFile read(Path file, boolean lenient) throws IOException {
        Optional<EventFormat> format = detect(file);
        if (format.isEmpty()) {
            String head = firstLine(file);
            if (head.startsWith(AEDAT_PREFIX)) {
                throw new MalformedDataException(file.toString(), 0, "unsupported format: AEDAT version line '"
                        + head + "'; supported are AEDAT 4.0, AEDAT 3.1 and N-MNIST .bin/.bs2");
            }
            throw new MalformedDataException(file.toString(), 0, "unsupported format: not AEDAT 4.0 (no '"
                    + Aedat4Reader.VERSION_LINE.strip() + "' line) and not an N-MNIST .bin/.bs2 file name");
        }
        switch (format.get()) {
            case AEDAT4:
                return new Aedat4Reader(lenient).read(file);
            case AEDAT31:
                return new Aedat31Reader(lenient).read(file);
            case NMNIST:
                return new NmnistReader(lenient).read(file);
            default:
                throw new AssertionError(format.get());
        }
    }

    /** The format {@link #read} would use for {@code file}, or empty when it is not supported. */
    public static Optional<EventFormat> detect(Path file) throws IOException {
        String head = firstLine(file);
        if (head.startsWith(AEDAT_PREFIX)) {
            if (head.equals(Aedat4Reader.VERSION_LINE.strip())) {
                return Optional.of(EventFormat.AEDAT4);
            }
            return head.equals(Aedat31Reader.VERSION) ? Optional.of(EventFormat.AEDAT31) : Optional.empty();
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bin") || name.endsWith(".bs2")) {
            return Optional.of(EventFormat.NMNIST);
        }
        return Optional.empty();
    }

    /** Up to 32 leading bytes, cut at the first CR or LF, non-printable characters as '?'. */
    private static String firstLine(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(32);
        }
        String s = new String(head, StandardCharsets.ISO_8859_1);
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\r' || s.charAt(i) == '\n') {
                end = i;
                break;
            }
        }
        return s.substring(0, end).replaceAll("[^\\x20-\\x7E]", "?");
    }
}
