package io.snn4j.data.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.MalformedDataException;
import io.snn4j.testing.SharedDatasets;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AEDAT sources read from streams of unknown length that hand out a few bytes at a time, as a socket would. */
class AedatStreamingTest {
    static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private int k;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + (k++ % 13)));
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    static List<String> drain(EventSource s, int capacity) throws IOException {
        List<String> out = new ArrayList<>();
        EventBatch b = new EventBatch(capacity, 1);
        try (s) {
            while (s.read(b)) {
                for (int i = 0; i < b.size(); i++) {
                    out.add(b.timestampsUs()[i] + "," + b.xs()[i] + "," + b.ys()[i] + "," + b.polarities()[i]);
                }
            }
        }
        return out;
    }

    @Test
    void aedat4WithoutKnownLengthReadsAsTheFile() throws IOException {
        byte[] file = new Aedat4Files(1, Aedat4Files.info(320, 240))
                .packet(0, Aedat4Files.eventPacket(new long[] {5, 6, 9}, new int[] {0, 319, 7}, new int[] {0, 239, 100},
                        new boolean[] {true, false, true}))
                .packet(1, Aedat4Files.imuPacket())
                .packet(0, Aedat4Files.eventPacket(new long[] {12}, new int[] {1}, new int[] {2},
                        new boolean[] {false}))
                .toBytes();
        List<String> got = drain(new Aedat4Reader(false).open(trickle(file), "net", -1), 64);
        assertEquals(List.of("5,0,0,1", "6,319,239,0", "9,7,100,1", "12,1,2,0"), got);
    }

    @Test
    void aedat4StreamCutInsideAPacketIsMalformed() throws IOException {
        byte[] file = new Aedat4Files(0, Aedat4Files.info(320, 240))
                .packet(0, Aedat4Files.eventPacket(new long[] {5}, new int[] {0}, new int[] {0}, new boolean[] {true}))
                .toBytes();
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 3);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> drain(new Aedat4Reader(false).open(trickle(cut), "net", -1), 64));
        assertTrue(e.getMessage().contains("net: byte "), e.getMessage());
        assertTrue(e.getMessage().contains("input ends inside the packet of stream 0"), e.getMessage());
    }

    @Test
    void dvSampleTrickledInSmallBatchesEqualsTheFile() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        List<String> whole = drain(new Aedat4Reader(false).open(Files.newInputStream(f), f.toString(), Files.size(f)),
                65_536);
        assertEquals(111_954, whole.size());
        assertEquals(whole, drain(new Aedat4Reader(false).open(trickle(Files.readAllBytes(f)), "net", -1), 100));
    }

    @Test
    void aedat31PacketsLargerThanTheBatchStreamAcrossReads() throws IOException {
        int n = 300;
        int[] ints = new int[2 * n];
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ints[2 * i] = Aedat31ReaderTest.word(i % 128, i / 128, i & 1, true);
            ints[2 * i + 1] = 1000 + i;
            expected.add((1000 + i + (3L << 31)) + "," + (i % 128) + "," + (i / 128) + "," + (i & 1));
        }
        byte[] header = Aedat31ReaderTest.HEADER.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] packet = Aedat31ReaderTest.packet(1, 1, 8, 3, n, n, ints);
        byte[] file = new byte[header.length + packet.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(packet, 0, file, header.length, packet.length);
        EventSource s = new Aedat31Reader(false).open(trickle(file), "net", -1);
        List<String> got = drain(s, 64);
        assertEquals(expected, got);
    }
}
