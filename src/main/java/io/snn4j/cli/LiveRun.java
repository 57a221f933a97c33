package io.snn4j.cli;

import io.snn4j.data.EventBatch;
import io.snn4j.data.net.DvStreamClient;
import io.snn4j.data.net.EventQueue;
import io.snn4j.pipeline.EventPipeline;
import io.snn4j.runtime.DecisionRule;
import io.snn4j.runtime.Session;
import io.snn4j.runtime.SessionOptions;
import io.snn4j.runtime.SnnModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code snn4j run --connect}: a live DV network stream through the model's input pipeline and a session. A reader
 * thread ({@link DvStreamClient}) fills a bounded {@link EventQueue}; this thread takes the events in arrival order,
 * pushes them ({@link Session#pushEvent}) and prints every change of the class with its stream time. Each connection
 * starts the session afresh and ends with its class; with the cumulative decision only the model's window (as
 * {@code run --input} and {@code eval}) is pushed per connection. Latency is measured per event from the arrival of
 * its packet (the reader's read returning) to the class read after it was pushed. A timestamp more than 100 ms (plus
 * the lateness budget) before the latest one starts a new stream, as when {@code data serve --loop} starts over. A
 * shutdown hook (Ctrl-C) stops the client and lets the summary print.
 */
final class LiveRun {
    /** A timestamp this much before the latest one (plus the lateness budget) starts a new stream. */
    static final long RESTART_US = 100_000;
    private final SnnModel model;
    private final SessionOptions options;
    private final String host;
    private final int port;
    private final boolean ioHeader;
    private final boolean reconnect;
    private final int connections;
    private final EventQueue queue;
    private final PrintWriter out;

    LiveRun(SnnModel model, SessionOptions options, String connect, boolean ioHeader, boolean reconnect,
            int connections, int queueCapacity, EventQueue.Overflow overflow, PrintWriter out) {
        int colon = connect.lastIndexOf(':');
        if (colon <= 0 || colon == connect.length() - 1) {
            throw new IllegalArgumentException("--connect must be HOST:PORT, was '" + connect + "'");
        }
        this.host = connect.substring(0, colon);
        try {
            this.port = Integer.parseInt(connect.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--connect must be HOST:PORT with a numeric port, was '" + connect
                    + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--connect port must be in 1..65535, was " + port);
        }
        if (model.pipeline().isEmpty()) {
            throw new IllegalArgumentException(model.name() + " records no event input pipeline, which --connect "
                    + "needs to map sensor events (train with a current snn4j, or snn4j export --pipeline)");
        }
        this.model = model;
        this.options = options;
        this.ioHeader = ioHeader;
        this.reconnect = reconnect;
        this.connections = connections;
        this.queue = new EventQueue(queueCapacity, overflow);
        this.out = out;
    }

    int run() throws IOException {
        Session s = model.newSession(options);
        s.warmUp();
        s.reset();
        EventPipeline pipeline = model.pipeline().get();
        long windowEndUs = (model.ticks() - 1 - pipeline.firstTick()) * pipeline.usPerTick();
        warmUpEvents(s, pipeline.sensorWidth(), pipeline.sensorHeight(), Math.max(1, windowEndUs));
        DvStreamClient client = new DvStreamClient(host, port, ioHeader, reconnect, connections, queue);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            client.close();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "snn4j run --connect shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Stream stream = new Stream(s, pipeline, windowEndUs);
        EventBatch b = new EventBatch(EventBatch.DEFAULT_CAPACITY, 1);
        long[] arrivals = new long[b.capacity()];
        try {
            client.start();
            while (true) {
                EventQueue.Mark mark = queue.poll(b, arrivals, 200);
                if (mark != null) {
                    stream.mark(mark);
                    continue;
                }
                if (b.size() == 0) {
                    if (queue.isDrained()) {
                        break;
                    }
                    continue;
                }
                stream.push(b, arrivals);
            }
            stream.closeIfOpen();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
        printSummary(client, stream);
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C): the hook is running
        }
        return 0;
    }

    private void printSummary(DvStreamClient client, Stream stream) {
        LatencyHistogram latency = stream.latency;
        out.printf("connections  %d (%d closed on malformed input)%n", client.connections(), client.malformedStreams());
        out.printf(Locale.ROOT, "events       %d received, %d dropped by the queue (%s, %d events, most held %d), "
                        + "%d pushed, %d after the model's window, %d late%n", queue.offered(), queue.dropped(),
                queue.overflow().name().toLowerCase(Locale.ROOT).replace('_', '-'), queue.capacity(),
                queue.highWater(), stream.pushed, stream.afterWindow, stream.late);
        if (latency.count() > 0) {
            out.printf(Locale.ROOT,
                    "latency      packet arrival to class update: p50 %.1f us, p99 %.1f us, max %.1f us "
                            + "(%d events, buckets of 3%%)%n", latency.quantile(0.5) / 1e3,
                            latency.quantile(0.99) / 1e3,
                    latency.max() / 1e3, latency.count());
        }
        out.printf("final class: %s%n", name(stream.finalClass));
        out.flush();
    }

    /** The session fed by the connections in turn, with the counts and the class changes it prints. */
    private final class Stream {
        private final Session s;
        private final EventPipeline pipeline;
        private final boolean windowed;
        private final long windowEndUs;
        private final long restartUs;
        final LatencyHistogram latency = new LatencyHistogram();
        long pushed;
        long afterWindow;
        long late;
        int finalClass = Session.NO_OUTPUT_SPIKES;
        private long firstUs = Long.MIN_VALUE;
        private long originUs;
        private long latestUs;
        private int lastClass = Session.NO_OUTPUT_SPIKES;
        private int opened;
        private boolean open;

        Stream(Session s, EventPipeline pipeline, long windowEndUs) {
            this.s = s;
            this.pipeline = pipeline;
            this.windowed = options.decision() instanceof DecisionRule.Cumulative;
            this.windowEndUs = windowEndUs;
            this.restartUs = RESTART_US + options.latenessUs();
        }

        /** A connection opened or closed. */
        void mark(EventQueue.Mark mark) {
            if (mark.kind() == EventQueue.MarkKind.CONNECTED) {
                s.reset();
                firstUs = Long.MIN_VALUE;
                lastClass = Session.NO_OUTPUT_SPIKES;
                opened++;
                open = true;
                out.printf("%s%n", mark.message());
            } else {
                closeIfOpen();
                out.printf("%s%s%n", mark.message(), opened > 0 ? "; class " + name(finalClass) : "");
            }
            out.flush();
        }

        void closeIfOpen() {
            if (open) {
                finalClass = closeStream(s);
                late += s.lateEvents();
                open = false;
            }
        }

        /** Pushes a batch of events (arrival times in {@code arrivals}), printing every change of the class. */
        void push(EventBatch b, long[] arrivals) {
            int n = b.size();
            long[] t = b.timestampsUs();
            short[] xs = b.xs();
            short[] ys = b.ys();
            byte[] ps = b.polarities();
            for (int i = 0; i < n; i++) {
                if (firstUs != Long.MIN_VALUE && t[i] < latestUs - restartUs) {
                    // time went back: a new recording (data serve --loop, a restarted device clock)
                    finalClass = closeStream(s);
                    late += s.lateEvents();
                    out.printf(Locale.ROOT, "time went back %.3f ms: a new stream; class %s%n",
                            (latestUs - t[i]) / 1000.0, name(finalClass));
                    s.reset();
                    firstUs = Long.MIN_VALUE;
                    lastClass = Session.NO_OUTPUT_SPIKES;
                }
                if (firstUs == Long.MIN_VALUE) {
                    firstUs = t[i];
                    latestUs = t[i];
                    originUs = pipeline.timeFromFirstEvent() ? t[i] : 0;
                }
                latestUs = Math.max(latestUs, t[i]);
                if (windowed && t[i] - originUs > windowEndUs) {
                    afterWindow++;
                    continue;
                }
                try {
                    s.pushEvent(t[i], xs[i], ys[i], ps[i]);
                } catch (IllegalArgumentException e) {
                    out.printf("event refused, session restarted: %s%n", e.getMessage());
                    late += s.lateEvents();
                    s.reset();
                    firstUs = Long.MIN_VALUE;
                    continue;
                }
                pushed++;
                int c = s.currentClass();
                latency.record(System.nanoTime() - arrivals[i]);
                if (c != lastClass) {
                    lastClass = c;
                    out.printf(Locale.ROOT, "t %10.3f ms   class %s (confidence %.2f)%n", (t[i] - firstUs) / 1000.0,
                            name(c), s.confidence());
                }
            }
        }
    }

    /**
     * Pushes synthetic sensor events (a fixed pseudo-random sequence over the window) through the session a few times
     * and resets it, so that the first live events do not wait for the pipeline's code to be compiled.
     */
    static void warmUpEvents(Session s, int width, int height, long windowUs) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int n = 20_000;
        for (int pass = 0; pass < 3; pass++) {
            s.reset();
            for (int i = 0; i < n; i++) {
                s.pushEvent(windowUs * i / n, r.nextInt(width), r.nextInt(height), r.nextInt(2));
                s.currentClass();
            }
            s.finishWindow();
        }
        s.reset();
    }

    private static int closeStream(Session s) {
        s.finishWindow();
        return s.currentClass();
    }

    private String name(int c) {
        return c == Session.NO_OUTPUT_SPIKES ? "none" : model.className(c);
    }
}
