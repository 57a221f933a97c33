package io.snn4j.data.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventStream;
import io.snn4j.data.aedat.Aedat4Writer;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.testing.SharedDatasets;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The replay server and the client on loopback: a real N-MNIST recording arrives event for event as the file has it
 * (timestamps unchanged), in every compression and without the IOHeader, in packets of at most the packet time.
 */
class DvStreamServerTest {
    record Received(long[] t, short[] x, short[] y, byte[] p, int connections) { }

    static Received receive(DvStreamServer server, boolean header) throws Exception {
        CompletableFuture<Boolean> served = CompletableFuture.supplyAsync(() -> {
            try {
                return server.serveOne();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        EventQueue q = new EventQueue(1 << 16, EventQueue.Overflow.BLOCK);
        DvStreamClient c = new DvStreamClient("127.0.0.1", server.port(), header, true, 1, q);
        c.start();
        EventBatch b = new EventBatch(1 << 16, 1);
        long[] arrivals = new long[1 << 16];
        long[] t = new long[0];
        short[] x = new short[0];
        short[] y = new short[0];
        byte[] p = new byte[0];
        int marks = 0;
        while (!q.isDrained()) {
            EventQueue.Mark m = q.poll(b, arrivals, 100);
            if (m != null) {
                marks++;
                if (m.kind() == EventQueue.MarkKind.CLOSED) {
                    assertEquals("end of stream", m.message());
                }
                continue;
            }
            int n = t.length;
            t = java.util.Arrays.copyOf(t, n + b.size());
            x = java.util.Arrays.copyOf(x, n + b.size());
            y = java.util.Arrays.copyOf(y, n + b.size());
            p = java.util.Arrays.copyOf(p, n + b.size());
            System.arraycopy(b.timestampsUs(), 0, t, n, b.size());
            System.arraycopy(b.xs(), 0, x, n, b.size());
            System.arraycopy(b.ys(), 0, y, n, b.size());
            System.arraycopy(b.polarities(), 0, p, n, b.size());
        }
        assertTrue(served.get(30, TimeUnit.SECONDS));
        c.close();
        assertEquals(2, marks);
        return new Received(t, x, y, p, c.connections());
    }

    @Test
    void aRealRecordingArrivesAsTheFileHasIt() throws Exception {
        Path file = SharedDatasets.require("nmnist-small").resolve("3.bs2");
        EventStream ev = new NmnistReader().read(file).events();
        long[] want = ev.copyTimestampsUs();
        Object[][] settings = {{Aedat4Writer.Compression.NONE, true}, {Aedat4Writer.Compression.LZ4, true},
                {Aedat4Writer.Compression.ZSTD, true}, {Aedat4Writer.Compression.NONE, false}};
        for (Object[] s : settings) {
            boolean header = (Boolean) s[1];
            try (DvStreamServer server = new DvStreamServer(file, InetAddress.getLoopbackAddress(), 0, 20, false, 5000,
                    (Aedat4Writer.Compression) s[0], header)) {
                Received r = receive(server, header);
                assertArrayEquals(want, r.t(), s[0] + " header " + header);
                for (int i = 0; i < ev.size(); i++) {
                    assertEquals(ev.x(i), r.x()[i]);
                    assertEquals(ev.y(i), r.y()[i]);
                    assertEquals(ev.polarity(i), r.p()[i]);
                }
                assertEquals(ev.size(), server.eventsSent());
                // a packet starts at the first event 5 ms or more after the current packet's first
                int packets = 1;
                for (int i = 1, first = 0; i < want.length; i++) {
                    if (want[i] - want[first] >= 5000) {
                        packets++;
                        first = i;
                    }
                }
                assertEquals(packets, server.packetsSent());
                assertEquals(1, r.connections());
            }
        }
    }

    @Test
    void badServerSettingsAreClearErrors() {
        Path file = SharedDatasets.require("nmnist-small").resolve("3.bs2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DvStreamServer(file,
                InetAddress.getLoopbackAddress(), 0, 0, false, 1000, Aedat4Writer.Compression.NONE, true));
        assertTrue(e.getMessage().contains("speed must be a finite number above 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DvStreamClient("127.0.0.1", 70000, true, false, 0,
                new EventQueue(64, EventQueue.Overflow.BLOCK)));
        assertTrue(e.getMessage().contains("port must be in 1..65535"), e.getMessage());
    }
}
