package io.snn4j.cli;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFiles;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.export.ModelFiles;
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

/** {@code snn4j run}: the embedding runtime on a recording, event by event, with per-event latency. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Feed a recording to the embedding runtime event by event, as a sensor would, and print the "
                + "class, the output spike counts and the per-event processing latency (measured after unmeasured "
                + "warm-up passes over the same recording).")
final class RunCommand implements Callable<Integer> {
    static final int WARM_UP_PASSES = 5;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "Model file (.pb or .textproto).")
    Path model;

    @Option(names = "--input", paramLabel = "EVENTS", required = true,
            description = "Event recording: N-MNIST .bin/.bs2, AEDAT 3.1 or 4.0 (times from the first event).")
    Path input;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        SnnModel m = runtimeModel(Home.resolve(model));
        EventFile file = EventFiles.read(Home.resolve(input), false);
        EventStream ev = file.events();
        int w = ev.width();
        int h = ev.height();
        if (m.inputChannels() != 2 * w * h) {
            throw new IOException(input + ": the " + w + " x " + h + " sensor gives " + 2 * w * h
                    + " channels, the model's input has " + m.inputChannels());
        }
        long first = file.format() == EventFormat.NMNIST || ev.size() == 0 ? 0 : ev.timestampUs(0);
        Session s = m.newSession();
        long[] latency = new long[ev.size()];
        // unmeasured passes first: until the JIT has compiled them, Vector API loops run boxed and far slower
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (int i = 0; i < ev.size(); i++) {
                s.push(ev.timestampUs(i) - first, m.channel(ev.x(i), ev.y(i), ev.polarity(i), w, h));
                s.currentClass();
            }
            s.reset();
        }
        for (int i = 0; i < ev.size(); i++) {
            long start = System.nanoTime();
            s.push(ev.timestampUs(i) - first, m.channel(ev.x(i), ev.y(i), ev.polarity(i), w, h));
            s.currentClass();
            latency[i] = System.nanoTime() - start;
        }
        long end = ev.size() == 0 ? 0 : ev.timestampUs(ev.size() - 1) - first;
        s.advanceTo(end + 3L * (long) m.usPerTick());
        Arrays.sort(latency);
        int c = s.currentClass();
        o.printf("model        %s: %d inputs, %d classes, %s us per tick%n", model, m.inputChannels(), m.classes(),
                SimulateCommand.trim(m.usPerTick()));
        o.printf("input        %s: %s, %d events, %.1f ms%n", input, file.format().displayName(), ev.size(),
                end / 1000.0);
        o.printf("class        %s%n", c == Session.NO_OUTPUT_SPIKES ? "none (no output spikes)" : String.valueOf(c));
        o.printf("output       %s%n", Arrays.toString(s.copyOutputSpikes(new int[m.classes()])));
        if (latency.length > 0) {
            o.printf(Locale.ROOT, "latency      per event p50 %.1f us, p99 %.1f us, max %.1f us (push + class, "
                            + "after " + WARM_UP_PASSES + " unmeasured passes, " + (m.isIntegerMode()
                            ? "integer mode, scalar loops" : s.kernels().name() + " kernels") + ")%n",
                    latency[latency.length / 2] / 1e3, latency[(int) (latency.length * 0.99)] / 1e3,
                    latency[latency.length - 1] / 1e3);
        }
        o.flush();
        return 0;
    }

    /**
     * A model for the embedding runtime: a binary file as it is, a text-format file parsed and validated by the
     * trainer-side loader and handed over as the bytes of its binary form (the runtime reads binary only).
     */
    static SnnModel runtimeModel(Path file) throws IOException {
        if (ModelFiles.isTextFile(file)) {
            return SnnModel.fromBytes(ModelFiles.read(file).toByteArray());
        }
        return SnnModel.load(file);
    }
}
