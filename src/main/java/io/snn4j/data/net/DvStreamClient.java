package io.snn4j.data.net;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.MalformedDataException;
import io.snn4j.data.aedat.Aedat4Reader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * Reads a DV network event stream (iniVation DV's TCP output, or {@link DvStreamServer}) on a thread of its own into
 * an {@link EventQueue}: connects, decodes packets with {@link Aedat4Reader#openNetwork}, and offers each batch with
 * its arrival time. Each connection is announced by a {@link EventQueue.MarkKind#CONNECTED} mark and ended by a
 * {@link EventQueue.MarkKind#CLOSED} mark whose message says why: the end of the stream, or a malformed packet (the
 * {@link MalformedDataException}'s message, which names the byte offset), or a network error. With reconnection the
 * client then connects again, waiting 100 ms after a failure and doubling up to 5 s (reset by a successful connection);
 * without it, or after {@code maxConnections} connections, it finishes the queue. {@link #close()} stops it.
 */
public final class DvStreamClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DvStreamClient.class.getName());
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5000;

    private final String host;
    private final int port;
    private final boolean ioHeader;
    private final boolean reconnect;
    private final int maxConnections;
    private final EventQueue queue;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Socket socket;
    private volatile int connections;
    private volatile long malformed;

    /**
     * @param maxConnections connections after which the client stops (with {@code reconnect}); 0 for no limit
     */
    public DvStreamClient(String host, int port, boolean ioHeader, boolean reconnect, int maxConnections,
                          EventQueue queue) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        this.host = host;
        this.port = port;
        this.ioHeader = ioHeader;
        this.reconnect = reconnect;
        this.maxConnections = reconnect ? maxConnections : 1;
        this.queue = queue;
        this.thread = new Thread(this::loop, "dv-stream-client " + host + ":" + port);
        thread.setDaemon(true);
    }

    /**
     * Starts the reader thread, after decoding a small stream from memory a few hundred times, so that class loading,
     * the info XML parser's start-up and the first compilations are not counted as network latency.
     */
    public void start() {
        warmUp(ioHeader);
        thread.start();
    }

    static void warmUp(boolean ioHeader) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            io.snn4j.data.aedat.Aedat4StreamWriter w = new io.snn4j.data.aedat.Aedat4StreamWriter(bytes, 64, 64,
                    io.snn4j.data.aedat.Aedat4Writer.Compression.NONE, ioHeader, "warm-up");
            long[] t = new long[64];
            short[] xy = new short[64];
            byte[] p = new byte[64];
            for (int i = 0; i < 64; i++) {
                t[i] = i;
                xy[i] = (short) i;
                p[i] = (byte) (i & 1);
            }
            for (int k = 0; k < 4; k++) {
                w.writePacket(t, xy, xy, p, 0, 64);
            }
            byte[] stream = bytes.toByteArray();
            EventBatch b = new EventBatch(64, 1);
            for (int round = 0; round < 300; round++) {
                try (EventSource src = new Aedat4Reader(false).openNetwork(new java.io.ByteArrayInputStream(stream),
                        "warm-up", ioHeader)) {
                    while (src.read(b)) {
                        // decode only
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("decoding the built-in warm-up stream failed", e);
        }
    }

    /** Connections made so far. */
    public int connections() {
        return connections;
    }

    /** Connections closed because of a malformed packet. */
    public long malformedStreams() {
        return malformed;
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // only this loop's thread writes the counters; others only read them
    private void loop() {
        String where = host + ":" + port;
        long backoff = FIRST_BACKOFF_MS;
        EventBatch batch = new EventBatch(EventBatch.DEFAULT_CAPACITY, 64);
        try {
            while (!closed) {
                Socket s = new Socket();
                try {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(host, port), 5000);
                } catch (IOException e) {
                    s.close();
                    if (!reconnect) {
                        queue.mark(EventQueue.MarkKind.CLOSED, "cannot connect to " + where + ": " + e.getMessage());
                        break;
                    }
                    LOG.log(System.Logger.Level.DEBUG, "cannot connect to {0}: {1}", where, e.getMessage());
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                    continue;
                }
                socket = s;
                connections++;
                backoff = FIRST_BACKOFF_MS;
                queue.mark(EventQueue.MarkKind.CONNECTED, "connected to " + where);
                String why = "end of stream";
                try (EventSource src = new Aedat4Reader(false).openNetwork(s.getInputStream(), where, ioHeader)) {
                    while (!closed && src.read(batch)) {
                        long arrival = System.nanoTime();
                        if (batch.size() > 0) {
                            queue.offer(batch, arrival);
                        }
                    }
                } catch (MalformedDataException e) {
                    malformed++;
                    why = "malformed stream, connection closed: " + e.getMessage();
                } catch (SocketException e) {
                    why = closed ? "closed" : "connection lost: " + e.getMessage();
                } catch (IOException e) {
                    why = "connection lost: " + e.getMessage();
                } finally {
                    s.close();
                    socket = null;
                }
                queue.mark(EventQueue.MarkKind.CLOSED, why);
                if (!reconnect || closed || (maxConnections > 0 && connections >= maxConnections)) {
                    break;
                }
                Thread.sleep(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            queue.mark(EventQueue.MarkKind.CLOSED, "socket error: " + e.getMessage());
        } finally {
            queue.finish();
        }
    }

    /** Stops the client: closes the connection and finishes the queue; waits up to 5 s for the thread. */
    @Override
    public void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        queue.finish();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
