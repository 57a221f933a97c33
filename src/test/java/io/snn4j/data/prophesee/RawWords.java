package io.snn4j.data.prophesee;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds Prophesee RAW byte streams from hand-written words and drains sources into lists, for tests. */
final class RawWords {
    private RawWords() {
    }

    /** The header lines (each ending in LF) followed by the 16-bit words, little-endian. */
    static byte[] evt3(String header, int... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int w : words) {
            out.write(w & 0xFF);
            out.write((w >>> 8) & 0xFF);
        }
        return out.toByteArray();
    }

    /** The header lines followed by the 32-bit words, little-endian. */
    static byte[] evt2(String header, long... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (long w : words) {
            for (int k = 0; k < 4; k++) {
                out.write((int) (w >>> (8 * k)) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /** Events as "t,x,y,p" and triggers as "T t,id,value", in the order read. */
    static List<String> drain(EventSource source, int capacity) throws IOException {
        List<String> out = new ArrayList<>();
        EventBatch batch = new EventBatch(capacity, 2);
        while (source.read(batch)) {
            for (int i = 0; i < batch.size(); i++) {
                out.add(batch.timestampsUs()[i] + "," + batch.xs()[i] + "," + batch.ys()[i] + ","
                        + batch.polarities()[i]);
            }
            for (int i = 0; i < batch.triggerCount(); i++) {
                out.add("T " + batch.triggerTimestampsUs()[i] + "," + batch.triggerIds()[i] + ","
                        + batch.triggerValues()[i]);
            }
        }
        return out;
    }

    /** Events only, in the order read. */
    static List<String> events(List<String> drained) {
        return drained.stream().filter(s -> !s.startsWith("T")).toList();
    }

    static RawEventSource source(byte[] bytes, boolean lenient) throws IOException {
        return new RawEventSource(new ByteArrayInputStream(bytes), "test.raw", lenient);
    }

    /** A stream that hands out 1 to 7 bytes per read, to cut words and headers at every place. */
    static InputStream trickle(InputStream in) {
        return new FilterInputStream(in) {
            private int k;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + (k++ % 7)));
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }
}
