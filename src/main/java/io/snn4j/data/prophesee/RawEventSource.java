package io.snn4j.data.prophesee;

import io.snn4j.data.ByteInput;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventSource;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the CD events and external triggers of a Prophesee RAW recording (EVT 2.0 or EVT 3.0, named by its
 * {@code %} header, see {@link RawHeader}). Timestamps are the camera's microseconds, not shifted to start at 0.
 * Addresses are checked against the header's geometry when it gives one.
 *
 * <p>Strict reading throws a {@link MalformedDataException} naming the source and byte offset at the first event
 * outside the sensor, word of a reserved type, or trailing partial word; lenient reading counts them in
 * {@link #badRecordCount()}. Words of other kinds (IMU, OTHERS, CONTINUED) and words before the first time-high word
 * are counted in {@link #skippedPacketCount()}. EVT 2.1 is refused (no sample to verify a decoder against).
 * Not thread-safe.
 */
public final class RawEventSource implements EventSource {
    private final ByteInput in;
    private final RawHeader header;
    private final WordDecoder decoder;
    private final EventFormat format;

    /**
     * Reads the header from {@code stream} and prepares to decode.
     *
     * @param source name for messages
     * @throws MalformedDataException when the header names no supported encoding
     */
    @SuppressWarnings("OrphanedFormatString") // "% evt 2.0" in a message is RAW header text, not a format specifier
    public RawEventSource(InputStream stream, String source, boolean lenient) throws IOException {
        this.in = new ByteInput(stream, source, 1 << 16);
        try {
            this.header = RawHeader.read(in);
            switch (header.encoding()) {
                case "2.0":
                    decoder = new Evt2Decoder(source, lenient, header.width(), header.height());
                    format = EventFormat.EVT2;
                    break;
                case "3.0":
                    decoder = new Evt3Decoder(source, lenient, header.width(), header.height());
                    format = EventFormat.EVT3;
                    break;
                case "":
                    throw new MalformedDataException(source, header.dataStart(), "Prophesee RAW header names no "
                            + "encoding (expected a '% evt 2.0', '% evt 3.0' or '% format EVT3;...' line)");
                default:
                    throw new MalformedDataException(source, header.dataStart(), "unsupported Prophesee RAW encoding '"
                            + header.encoding() + "'; supported are EVT 2.0 and EVT 3.0");
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public RawHeader header() {
        return header;
    }

    @Override
    public EventFormat format() {
        return format;
    }

    @Override
    public int width() {
        return header.width();
    }

    @Override
    public int height() {
        return header.height();
    }

    @Override
    public boolean read(EventBatch batch) throws IOException {
        batch.clear();
        final int wb = decoder.wordBytes();
        while (batch.remaining() >= WordDecoder.ROOM && batch.triggerRemaining() > 0) {
            if (!in.ensure(wb)) {
                int left = in.available();
                if (left > 0) {
                    if (!decoder.lenient) {
                        throw new MalformedDataException(in.source(), in.offset(), "input ends inside a " + (8 * wb)
                                + "-bit word: " + left + " trailing bytes");
                    }
                    decoder.bad++;
                    in.advance(left);
                }
                break;
            }
            int from = in.position();
            int to = from + in.available() / wb * wb;
            int stop = decoder.decode(in.buffer(), from, to, in.offset(), batch);
            in.advance(stop - from);
            if (!batch.isEmpty() && !in.moreWithoutBlocking()) {
                break;
            }
        }
        return !batch.isEmpty();
    }

    @Override
    public long badRecordCount() {
        return decoder.bad;
    }

    @Override
    public long skippedPacketCount() {
        return decoder.skipped + decoder.beforeTimeBase;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
