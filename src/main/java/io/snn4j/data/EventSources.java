package io.snn4j.data;

import io.snn4j.data.aedat.Aedat31Reader;
import io.snn4j.data.aedat.Aedat4Reader;
import io.snn4j.data.csv.CsvEventSource;
import io.snn4j.data.nmnist.NmnistEventSource;
import io.snn4j.data.prophesee.RawEventSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens an event file of any supported format as an {@link EventSource}, and drains a source into a whole
 * {@link EventFile}. The format is detected from the content, then the name:
 * <ol>
 *   <li>a first line {@code #!AER-DAT4.0}: {@link EventFormat#AEDAT4}; {@code #!AER-DAT3.1}:
 *       {@link EventFormat#AEDAT31}; another {@code #!AER-DAT} version is refused, naming it;</li>
 *   <li>a first byte {@code %}: a Prophesee RAW file, {@link EventFormat#EVT2} or {@link EventFormat#EVT3} as its
 *       header says;</li>
 *   <li>a name ending {@code .csv}: {@link EventFormat#CSV};</li>
 *   <li>a name ending {@code .bin} or {@code .bs2}: {@link EventFormat#NMNIST} (34 x 34 sensor).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class EventSources {
    static final String AEDAT_PREFIX = "#!AER-DAT";

    private EventSources() {
    }

    /**
     * Opens {@code file} in its detected format.
     *
     * @param lenient skip and count malformed records instead of failing on the first
     * @throws MalformedDataException for an unsupported format or a malformed header, naming the file
     */
    public static EventSource open(Path file, boolean lenient) throws IOException {
        String source = file.toString();
        String head = firstLine(file);
        if (head.startsWith(AEDAT_PREFIX)) {
            if (head.equals(Aedat4Reader.VERSION_LINE.strip())) {
                return new Aedat4Reader(lenient).open(Files.newInputStream(file), source, Files.size(file));
            }
            if (head.equals(Aedat31Reader.VERSION)) {
                return new Aedat31Reader(lenient).open(Files.newInputStream(file), source, Files.size(file));
            }
            throw new MalformedDataException(source, 0, "unsupported format: AEDAT version line '" + head
                    + "'; supported are AEDAT 4.0 and AEDAT 3.1");
        }
        if (head.startsWith("%")) {
            return new RawEventSource(Files.newInputStream(file), source, lenient);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvEventSource(Files.newInputStream(file), source, lenient);
        }
        if (name.endsWith(".bin") || name.endsWith(".bs2")) {
            return new NmnistEventSource(Files.newInputStream(file), source, lenient);
        }
        throw new MalformedDataException(source, 0, "unsupported format: not AEDAT 4.0 or 3.1 (no '#!AER-DAT' "
                + "line), not Prophesee RAW (no '%' header), not a .csv or N-MNIST .bin/.bs2 file name");
    }

    /** The format {@link #open} would use for {@code file}, or empty when it is not supported. */
    public static Optional<EventFormat> detect(Path file) throws IOException {
        String head = firstLine(file);
        if (head.startsWith(AEDAT_PREFIX)) {
            if (head.equals(Aedat4Reader.VERSION_LINE.strip())) {
                return Optional.of(EventFormat.AEDAT4);
            }
            return head.equals(Aedat31Reader.VERSION) ? Optional.of(EventFormat.AEDAT31) : Optional.empty();
        }
        if (head.startsWith("%")) {
            try (EventSource s = new RawEventSource(Files.newInputStream(file), file.toString(), true)) {
                return Optional.of(s.format());
            } catch (MalformedDataException e) {
                return Optional.empty();
            }
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(EventFormat.CSV);
        }
        if (name.endsWith(".bin") || name.endsWith(".bs2")) {
            return Optional.of(EventFormat.NMNIST);
        }
        return Optional.empty();
    }

    /**
     * Reads every event of {@code source} into memory (at most 2^31 - 16 events) and closes it. Triggers are left
     * out. The sensor size is the source's, or the largest address plus one when the source does not give one.
     */
    public static EventFile readAll(EventSource source) throws IOException {
        return readAll(source, EventBatch.DEFAULT_CAPACITY);
    }

    /**
     * As {@link #readAll(EventSource)}, naming the file in messages.
     *
     * @throws MalformedDataException when the source gives no sensor size and an address is 32767 (the largest
     *                                address plus one must be a sensor size of at most 32767)
     */
    public static EventFile readAll(EventSource source, String name) throws IOException {
        return readAll(source, EventBatch.DEFAULT_CAPACITY, name);
    }

    /** As {@link #readAll(EventSource)}, with batches of {@code batchCapacity} events (for small recordings). */
    public static EventFile readAll(EventSource source, int batchCapacity) throws IOException {
        return readAll(source, batchCapacity, "event source");
    }

    private static EventFile readAll(EventSource source, int batchCapacity, String name) throws IOException {
        try (source) {
            EventBatch batch = new EventBatch(Math.max(EventBatch.MIN_CAPACITY, batchCapacity), 1024);
            int n = 0;
            long[] t = new long[batch.capacity()];
            short[] xs = new short[batch.capacity()];
            short[] ys = new short[batch.capacity()];
            byte[] ps = new byte[batch.capacity()];
            int maxX = -1;
            int maxY = -1;
            while (source.read(batch)) {
                int k = batch.size();
                if ((long) n + k > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("more than " + n + " events do not fit in one event stream");
                }
                if (n + k > t.length) {
                    int c = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(n + k, 2L * t.length));
                    t = Arrays.copyOf(t, c);
                    xs = Arrays.copyOf(xs, c);
                    ys = Arrays.copyOf(ys, c);
                    ps = Arrays.copyOf(ps, c);
                }
                System.arraycopy(batch.timestampsUs(), 0, t, n, k);
                System.arraycopy(batch.xs(), 0, xs, n, k);
                System.arraycopy(batch.ys(), 0, ys, n, k);
                System.arraycopy(batch.polarities(), 0, ps, n, k);
                short[] bx = batch.xs();
                short[] by = batch.ys();
                for (int i = 0; i < k; i++) {
                    maxX = Math.max(maxX, bx[i]);
                    maxY = Math.max(maxY, by[i]);
                }
                n += k;
            }
            int w = source.width() > 0 ? source.width() : Math.max(1, maxX + 1);
            int h = source.height() > 0 ? source.height() : Math.max(1, maxY + 1);
            if (w > Short.MAX_VALUE || h > Short.MAX_VALUE) {
                throw new MalformedDataException(name, "the file gives no sensor size and its largest address (x = "
                        + maxX + ", y = " + maxY + ") needs one of " + w + " x " + h + ", more than the "
                        + Short.MAX_VALUE + " x " + Short.MAX_VALUE + " an event stream holds");
            }
            EventStream events = EventStream.ofFirst(w, h, n, t, xs, ys, ps);
            return new EventFile(source.format(), events, source.badRecordCount(), source.skippedPacketCount());
        }
    }

    /** Up to 32 leading bytes, cut at the first CR or LF, non-printable characters as '?'. */
    static String firstLine(Path file) throws IOException {
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
