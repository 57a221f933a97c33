package io.snn4j.cli;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFiles;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.runtime.DecisionRule;
import io.snn4j.runtime.Session;
import io.snn4j.runtime.SessionOptions;
import io.snn4j.runtime.SnnModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j run}: the embedding runtime on a recording, event by event through the model's input pipeline, with
 * per-event latency; the last line is the class.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Feed a recording to the embedding runtime event by event, as a sensor would, through the "
                + "model's input pipeline, and print the output spike counts, the per-event processing latency "
                + "(measured after unmeasured warm-up passes over the same recording) and, last, the class.")
final class RunCommand implements Callable<Integer> {
    static final int WARM_UP_PASSES = 5;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "Model file (.pb or .textproto).")
    Path model;

    @Option(names = "--input", paramLabel = "EVENTS", required = true,
            description = "Event recording: N-MNIST .bin/.bs2, AEDAT 3.1 or 4.0.")
    Path input;

    @Option(names = "--realtime", description = {"Also print the class over time: every change of the decision "
            + "with the event time (from the first event) and its confidence, as a stream would see it."})
    boolean realtime;

    @Option(names = "--decision", paramLabel = "RULE", defaultValue = "cumulative",
            description = {"How output spikes become the class: cumulative (spikes since the start, eval's rule), "
                    + "window:MS (the last MS milliseconds) or decay:MS (exponentially decaying evidence). "
                    + "Default: ${DEFAULT-VALUE}."})
    String decision;

    @Option(names = "--late", paramLabel = "POLICY", defaultValue = "clamp",
            description = {"Late events (for a tick already simulated): drop, clamp (into the current tick) or "
                    + "watermark:MS (hold time back by MS milliseconds so events that late keep their tick). "
                    + "Default: ${DEFAULT-VALUE}."})
    String late;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        SessionOptions options;
        try {
            options = SessionOptions.defaults().withDecision(DecisionRule.parse(decision));
            options = late(options, late);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SnnModel m = SnnModel.load(Home.resolve(model));
        EventFile file = EventFiles.read(Home.resolve(input), false);
        EventStream ev = file.events();
        Feed feed = Feed.of(m, file, input);
        Session s = m.newSession(options);
        long[] latency = new long[ev.size()];
        // warm-up: synthetic input until the JIT has compiled the session's loops, then passes over the recording
        s.warmUp();
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            feed.run(s, null);
            s.reset();
        }
        if (realtime) {
            s.setOutputListener(null);
            int[] last = {Session.NO_OUTPUT_SPIKES};
            feed.run(s, null, (session, tUs) -> {
                int c = session.currentClass();
                if (c != last[0]) {
                    last[0] = c;
                    o.printf(Locale.ROOT, "t %10.3f ms   class %s (confidence %.2f)%n", tUs / 1000.0,
                            c == Session.NO_OUTPUT_SPIKES ? "none" : m.className(c), session.confidence());
                }
            });
            s.reset();
        }
        int pushed = feed.run(s, latency);
        s.finishWindow();
        Arrays.sort(latency, 0, pushed);
        int c = s.currentClass();
        o.printf("model        %s: %d inputs, %d classes, %s us per tick, %d ticks%n", model, m.inputChannels(),
                m.classes(), SimulateCommand.trim(m.usPerTick()), m.ticks());
        o.printf("pipeline     %s%n", feed.description());
        o.printf("input        %s: %s, %d events (%d within the model's window), %.1f ms%n", input,
                file.format().displayName(), ev.size(), pushed,
                ev.size() == 0 ? 0.0 : (ev.timestampUs(ev.size() - 1) - ev.timestampUs(0)) / 1000.0);
        o.printf("output       %s%n", Arrays.toString(s.copyOutputSpikes(new int[m.classes()])));
        o.printf("session      decision %s, late policy %s, %d late events%n", decision, late, s.lateEvents());
        if (pushed > 0) {
            o.printf(Locale.ROOT, "latency      per event p50 %.1f us, p99 %.1f us, max %.1f us (push + class, "
                            + "after " + WARM_UP_PASSES + " unmeasured passes, " + (m.isIntegerMode()
                            ? "integer mode" : s.kernels().name() + " kernels") + ")%n",
                    latency[pushed / 2] / 1e3, latency[(int) (pushed * 0.99)] / 1e3, latency[pushed - 1] / 1e3);
        }
        o.printf("final class: %s%n", c == Session.NO_OUTPUT_SPIKES ? "none" : m.className(c));
        o.flush();
        return 0;
    }

    /** The --late option: drop, clamp or watermark:MS. */
    static SessionOptions late(SessionOptions o, String spec) {
        String v = spec.strip().toLowerCase(Locale.ROOT);
        if (v.equals("drop")) {
            return o.withLate(io.snn4j.runtime.LatePolicy.DROP, 0);
        }
        if (v.equals("clamp")) {
            return o.withLate(io.snn4j.runtime.LatePolicy.CLAMP, 0);
        }
        if (v.startsWith("watermark:")) {
            double ms;
            try {
                ms = Double.parseDouble(v.substring(10));
            } catch (NumberFormatException e) {
                ms = Double.NaN;
            }
            if (ms >= 0 && ms <= 60_000) {
                return o.withLate(io.snn4j.runtime.LatePolicy.WATERMARK, Math.round(ms * 1000));
            }
        }
        throw new IllegalArgumentException("--late must be drop, clamp or watermark:MS (0 to 60000 ms), was '"
                + spec + "'");
    }

    /**
     * How a recording's events reach a session: through the model's event pipeline ({@link Session#pushEvent}), or,
     * for a model that records none (hand-written, or trained before schema 1.3), mapped as the HM2-BP N-MNIST
     * converter did ({@code x * height + y}, plus {@code width * height} for OFF), times from the first event for
     * AEDAT files. Only events inside the model's window ({@code ticks}) are pushed, as {@code eval} bins them.
     */
    record Feed(SnnModel model, EventStream events, long originUs, boolean pipeline, String description) {
        static Feed of(SnnModel m, EventFile file, Path name) throws IOException {
            EventStream ev = file.events();
            if (m.pipeline().isPresent()) {
                var p = m.pipeline().get();
                if (ev.width() != p.sensorWidth() || ev.height() != p.sensorHeight()) {
                    throw new IOException(name + ": recorded on a " + ev.width() + " x " + ev.height() + " sensor, "
                            + "the model's input pipeline expects " + p.sensorWidth() + " x " + p.sensorHeight()
                            + " (snn4j export --pipeline can re-target a model to another sensor)");
                }
                long origin = p.timeFromFirstEvent() && ev.size() > 0 ? ev.timestampUs(0) : 0;
                return new Feed(m, ev, origin, true, m.describePipeline() + " (from the model)");
            }
            int w = ev.width();
            int h = ev.height();
            if (m.inputChannels() != 2 * w * h) {
                throw new IOException(name + ": the " + w + " x " + h + " sensor gives " + 2 * w * h
                        + " channels, the model's input has " + m.inputChannels());
            }
            long first = file.format() == EventFormat.NMNIST || ev.size() == 0 ? 0 : ev.timestampUs(0);
            return new Feed(m, ev, first, false, "none recorded in the model: channel x * " + h + " + y (+ " + w * h
                    + " for OFF), " + SimulateCommand.trim(m.usPerTick()) + " us per tick from tick 1");
        }

        /**
         * Pushes the events inside the window, timing each push and class read into {@code latency} when given;
         * returns how many were pushed.
         */
        int run(Session s, long[] latency) {
            return run(s, latency, null);
        }

        /** As {@link #run(Session, long[])}, telling {@code after} each event's time from the first event. */
        int run(Session s, long[] latency, java.util.function.ObjLongConsumer<Session> after) {
            EventStream ev = events;
            long windowEndUs = (long) ((model.ticks() - 1 - (pipeline ? model.pipeline().get().firstTick() : 1))
                    * (pipeline ? model.pipeline().get().usPerTick() : model.usPerTick()));
            int w = ev.width();
            int h = ev.height();
            int n = 0;
            for (int i = 0; i < ev.size(); i++) {
                long t = ev.timestampUs(i);
                if (t - originUs > windowEndUs) {
                    break;
                }
                long start = latency != null ? System.nanoTime() : 0;
                if (pipeline) {
                    s.pushEvent(t, ev.x(i), ev.y(i), ev.polarity(i));
                } else {
                    s.push(t - originUs, ev.x(i) * h + ev.y(i) + (ev.polarity(i) == 0 ? w * h : 0));
                }
                s.currentClass();
                if (latency != null) {
                    latency[n] = System.nanoTime() - start;
                }
                if (after != null) {
                    after.accept(s, t - ev.timestampUs(0));
                }
                n++;
            }
            return n;
        }
    }
}
