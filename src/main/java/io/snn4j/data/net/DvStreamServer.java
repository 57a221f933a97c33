package io.snn4j.data.net;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.aedat.Aedat4StreamWriter;
import io.snn4j.data.aedat.Aedat4Writer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a recording (any format {@link EventSources#open} reads) as a DV network event stream
 * ({@link Aedat4StreamWriter}): waits for a client, then sends the events in packets of at most
 * {@code packetUs} microseconds of recording time (and at most {@link Aedat4StreamWriter#maxPacketEvents()} events),
 * each sent when the wall clock since the first packet reaches its last event's time from the recording's first
 * event, divided by {@code speed}. Timestamps are sent as the file has them. At the end of the recording the connection
 * is closed and {@link #serveOne()} returns; with {@code loop} the recording starts over on the same connection
 * (timestamps again as in the file) until the client leaves. The recording is streamed from the file, one batch in
 * memory. Not thread-safe, except {@link #close()}.
 */
public final class DvStreamServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DvStreamServer.class.getName());

    private final Path file;
    private final double speed;
    private final boolean loop;
    private final long packetUs;
    private final Aedat4Writer.Compression compression;
    private final boolean ioHeader;
    private final ServerSocket server;
    private volatile Socket client;
    private long packetsSent;
    private long eventsSent;

    /**
     * Binds the listening socket at once ({@code port} 0 picks a free port, see {@link #port()}).
     *
     * @throws IllegalArgumentException for a speed that is not a finite number above 0, or packetUs below 1
     */
    public DvStreamServer(Path file, InetAddress bind, int port, double speed, boolean loop, long packetUs,
                          Aedat4Writer.Compression compression, boolean ioHeader) throws IOException {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number above 0, was " + speed);
        }
        if (packetUs < 1) {
            throw new IllegalArgumentException("packet time must be >= 1 us, was " + packetUs);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        this.file = file;
        this.speed = speed;
        this.loop = loop;
        this.packetUs = packetUs;
        this.compression = compression;
        this.ioHeader = ioHeader;
        try (EventSource probe = EventSources.open(file, false)) {
            if (probe.width() < 1 || probe.height() < 1) {
                throw new IOException(file + ": the recording does not give its sensor size, which the stream's "
                        + "IOHeader needs");
            }
        }
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port));
    }

    /** The port listened on. */
    public int port() {
        return server.getLocalPort();
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long eventsSent() {
        return eventsSent;
    }

    /**
     * Waits for a client and streams the recording to it (again and again with {@code loop}, until it leaves).
     *
     * @return true when the recording was sent to the end (the last time, with loop: false when the client left)
     * @throws IOException when the recording cannot be read, or the server socket fails (closed by {@link #close()})
     */
    public boolean serveOne() throws IOException {
        try (Socket s = server.accept()) {
            client = s;
            s.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            try {
                Aedat4StreamWriter w = null;
                do {
                    try (EventSource src = EventSources.open(file, false)) {
                        if (w == null) {
                            w = new Aedat4StreamWriter(out, src.width(), src.height(), compression, ioHeader,
                                    file.getFileName().toString());
                        }
                        stream(src, w);
                    }
                } while (loop);
                return true;
            } catch (java.net.SocketException e) {
                LOG.log(System.Logger.Level.DEBUG, "client left: {0}", e.getMessage());
                return false;
            } finally {
                client = null;
            }
        }
    }

    private void stream(EventSource src, Aedat4StreamWriter w) throws IOException {
        int max = Aedat4StreamWriter.maxPacketEvents();
        long[] t = new long[max];
        short[] x = new short[max];
        short[] y = new short[max];
        byte[] p = new byte[max];
        int n = 0;
        EventBatch batch = new EventBatch();
        long startNanos = 0;
        long firstUs = Long.MIN_VALUE;
        while (src.read(batch)) {
            long[] bt = batch.timestampsUs();
            for (int i = 0; i < batch.size(); i++) {
                if (firstUs == Long.MIN_VALUE) {
                    firstUs = bt[i];
                    startNanos = System.nanoTime();
                }
                if (n > 0 && (n == max || bt[i] - t[0] >= packetUs)) {
                    send(w, t, x, y, p, n, startNanos, firstUs);
                    n = 0;
                }
                t[n] = bt[i];
                x[n] = batch.xs()[i];
                y[n] = batch.ys()[i];
                p[n] = batch.polarities()[i];
                n++;
            }
        }
        if (n > 0) {
            send(w, t, x, y, p, n, startNanos, firstUs);
        }
    }

    private void send(Aedat4StreamWriter w, long[] t, short[] x, short[] y, byte[] p, int n, long startNanos,
                      long firstUs) throws IOException {
        long due = startNanos + (long) ((t[n - 1] - firstUs) * 1000.0 / speed);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new java.io.InterruptedIOException("replay interrupted");
            }
        }
        w.writePacket(t, x, y, p, 0, n);
        packetsSent++;
        eventsSent += n;
    }

    /** Closes the listening socket and the connection to a client, if any. */
    @Override
    public void close() throws IOException {
        Socket c = client;
        if (c != null) {
            c.close();
        }
        server.close();
    }
}
