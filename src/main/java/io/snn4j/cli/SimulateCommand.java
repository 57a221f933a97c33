package io.snn4j.cli;

import io.snn4j.io.AtomicFiles;
import java.io.OutputStreamWriter;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventFiles;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.engine.Engine;
import io.snn4j.engine.EventEngine;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeCsv;
import io.snn4j.event.SpikeRecord;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j simulate}: runs a model on input spikes and reports spike counts and the predicted class. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Simulate a model on input spikes; print spike counts per population and the predicted class.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "models/bars.textproto",
            description = "Model file: .textproto (text) or .pb (binary). Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--input", paramLabel = "EVENTS", defaultValue = "models/bars-horizontal.csv",
            description = {"Input: CSV spikes with header 'tick,neuron' (neuron indexes the input population), or an "
                    + "event-camera recording (N-MNIST .bin/.bs2, AEDAT 3.1, AEDAT 4.0) binned to the model's ticks "
                    + "(tick = ceil(t / us_per_tick) + 1, time from the first event for AEDAT) and mapped to "
                    + "channels column-major, ON block then OFF block (x * height + y, + width * height for OFF: "
                    + "the HM2-BP N-MNIST layout), or polarities merged when the input population has width * height "
                    + "neurons.", "Default: ${DEFAULT-VALUE}."})
    Path input;

    @Option(names = "--lenient", description = "Skip malformed records of an event file (and count them) instead of "
            + "failing.")
    boolean lenient;

    @Option(names = "--engine", paramLabel = "stepped|event", defaultValue = "stepped",
            description = "stepped (clock-driven updates, throughput) or event (updates only at events: closed "
                    + "form in float, the exact integer tick caught up from the last update with --integer). "
                    + "Default: ${DEFAULT-VALUE}.")
    EngineKind engine;

    @Option(names = "--integer", description = {"Integer mode: simulate a fixed-point export (snn4j export --target "
            + "fixed:BITS, schema 1.2) in the exact integer arithmetic of its fixed_point fields, as fixed-point "
            + "hardware runs it, and report accumulator saturations. Both engines run it, with the same spikes and "
            + "saturations.",
            "Without it a fixed-point model simulates as its float network."})
    boolean integer;

    @Option(names = "--ticks", paramLabel = "N", description = "Ticks to simulate (default: the model's 'ticks').")
    Integer ticks;

    @Option(names = "--spikes-out", paramLabel = "FILE.csv",
            description = "Write every spike as CSV 'tick,population,neuron'.")
    Path spikesOut;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path modelFile = Home.resolve(model);
        Path inputFile = Home.resolve(input);
        ModelProto proto = ModelFiles.read(modelFile);
        NetworkSpec net = integer ? ModelFiles.toIntegerNetwork(proto, modelFile.toString())
                : ModelFiles.toNetwork(proto, modelFile.toString());
        int runTicks = ticks != null ? ticks : net.ticks();
        if (runTicks <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--ticks must be > 0, was " + runTicks);
        }
        InputSpikes in = readInput(inputFile, net, proto, runTicks, out);
        CompiledNetwork compiled = CompiledNetwork.compile(net);
        Engine e = engine.create(compiled);
        long start = System.nanoTime();
        SimulationResult r = e.run(in, runTicks, spikesOut != null);
        double seconds = (System.nanoTime() - start) / 1e9;

        out.printf("model        %s (%s): %d populations, %d neurons, %d synapses%n", net.name(), modelFile,
                net.populations().size(), compiled.neuronCount(), compiled.synapseCount());
        out.printf("input        %s: %d spikes on %d channels%n", inputFile, in.size(), in.channelCount());
        out.printf("engine       %s, %d ticks of %s us (%s ms simulated), %.3f s wall%n", e.name(), runTicks,
                trim(net.usPerTick()), trim(runTicks * net.usPerTick() / 1000), seconds);
        if (integer) {
            out.printf("integer mode %d accumulator saturations%n", r.saturations());
        }
        out.printf("%n%-20s %10s %10s %12s%n", "population", "neurons", "spikes", "rate (Hz)");
        double simSeconds = runTicks * net.usPerTick() * 1e-6;
        for (int p = 0; p < net.populations().size(); p++) {
            long n = r.populationSpikes(p);
            int size = net.population(p).size();
            out.printf("%-20s %10d %10d %12.2f%n", net.population(p).name(), size, n, n / (size * simSeconds));
        }
        if (net.output() >= 0) {
            int[] counts = r.neuronCounts(net.output());
            out.printf("%noutput spike counts  %s%n", java.util.Arrays.toString(counts));
            int c = r.predictedClass();
            String[] names = proto.getMetadataOrDefault("class_names", "").split(",");
            if (c == SimulationResult.NO_OUTPUT_SPIKES) {
                out.println("predicted class      none (no output spikes)");
            } else {
                out.printf("predicted class      %d%s%n", c, c < names.length && !names[c].isBlank()
                        ? " (" + names[c].strip() + ")" : "");
            }
        }
        if (spikesOut != null) {
            writeSpikes(spikesOut, r.spikes(), compiled);
            out.printf("spikes written to    %s (%d spikes)%n", spikesOut, r.spikes().size());
        }
        out.flush();
        return 0;
    }

    /**
     * CSV spikes, or an event file through the model's input pipeline (schema 1.3) or, for a model that records
     * none, binned onto the input population in the HM2-BP N-MNIST layout.
     */
    InputSpikes readInput(Path file, NetworkSpec net, ModelProto proto, int runTicks, PrintWriter out)
            throws IOException {
        int channels = net.inputPopulation().size();
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return SpikeCsv.read(file, channels);
        }
        EventFile ef = EventFiles.read(file, lenient);
        EventStream ev = ef.events();
        if (proto.hasInputPipeline() && proto.getInputPipeline().hasEvents()) {
            io.snn4j.data.encode.PipelineEncoder encoder;
            try {
                encoder = new io.snn4j.data.encode.PipelineEncoder(
                        io.snn4j.pipeline.EventPipeline.of(proto.getInputPipeline(), channels), runTicks);
                InputSpikes spikes = encoder.encode(ev);
                out.printf("events       %s: %s, %d events on a %d x %d sensor%s -> %d spikes through the model's "
                                + "input pipeline (%s)%n", file, ef.format().displayName(), ev.size(), ev.width(),
                        ev.height(), ef.badRecordCount() > 0 ? ", " + ef.badRecordCount() + " bad records skipped"
                                : "", spikes.size(),
                        io.snn4j.pipeline.InputPipelines.describe(proto.getInputPipeline()));
                return spikes;
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        if (ef.format() != EventFormat.NMNIST && ev.size() > 0) {
            ev = alignToFirstEvent(ev);
        }
        int w = ev.width();
        int h = ev.height();
        ChannelLayout layout;
        if (channels == 2L * w * h) {
            layout = ChannelLayout.of(w, h);
        } else if (channels == (long) w * h) {
            layout = ChannelLayout.mergedPolarities(w, h);
        } else {
            throw new IOException(file + ": the " + w + " x " + h + " sensor gives " + (2L * w * h)
                    + " channels (or " + ((long) w * h) + " with merged polarities), but input population '"
                    + net.inputPopulation().name() + "' has " + channels + " neurons");
        }
        long usPerTick = Math.round(net.usPerTick());
        if (usPerTick < 1 || Math.abs(usPerTick - net.usPerTick()) > 1e-9) {
            throw new IOException("model us_per_tick " + net.usPerTick() + " must be a whole number of microseconds "
                    + "to bin event files");
        }
        InputSpikes spikes = new EventBinning(layout, usPerTick, 1, runTicks).bin(ev);
        out.printf("events       %s: %s, %d events on a %d x %d sensor%s -> %d spikes%n", file,
                ef.format().displayName(),
                ev.size(), w, h, ef.badRecordCount() > 0 ? ", " + ef.badRecordCount() + " bad records skipped" : "",
                spikes.size());
        return spikes;
    }

    static EventStream alignToFirstEvent(EventStream ev) {
        long[] t = ev.copyTimestampsUs();
        long first = t[0];
        for (int i = 0; i < t.length; i++) {
            t[i] -= first;
        }
        return EventStream.of(ev.width(), ev.height(), t, ev.copyXs(), ev.copyYs(), ev.copyPolarities());
    }

    static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    /** Writes the spike record as CSV through a temporary file and an atomic rename. */
    static void writeSpikes(Path file, SpikeRecord spikes, CompiledNetwork net) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("tick,population,neuron\n");
            for (int i = 0; i < spikes.size(); i++) {
                int g = spikes.neuron(i);
                int p = net.populationOf(g);
                w.write(spikes.tick(i) + "," + net.spec().population(p).name() + "," + (g - net.offset(p)) + "\n");
            }
            w.flush();
        });
    }

    /** The engines the command line offers. */
    enum EngineKind {
        stepped, event;

        Engine create(CompiledNetwork net) {
            return this == stepped ? new SteppedEngine(net) : new EventEngine(net);
        }
    }
}
