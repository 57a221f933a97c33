package io.snn4j.cli;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFiles;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.runtime.Session;
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

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        SnnModel m = SnnModel.load(Home.resolve(model));
        EventFile file = EventFiles.read(Home.resolve(input), false);
        EventStream ev = file.events();
        Feed feed = Feed.of(m, file, input);
        Session s = m.newSession();
        long[] latency = new long[ev.size()];
        // unmeasured passes first: until the JIT has compiled them, Vector API loops run boxed and far slower
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            feed.run(s, null);
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
                n++;
            }
            return n;
        }
    }
}
