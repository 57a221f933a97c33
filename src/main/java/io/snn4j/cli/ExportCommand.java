package io.snn4j.cli;

import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeCsv;
import io.snn4j.event.SpikeRecord;
import io.snn4j.export.ExportTarget;
import io.snn4j.export.Exporter;
import io.snn4j.export.ModelFiles;
import io.snn4j.export.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j export}: writes a model for a neuromorphic target and, on request, conformance vectors (input spikes
 * and the output spikes a correct port must produce).
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a model: float (lossless .pb), nir (NIR HDF5), hw:PROFILE (core placement, routing "
                + "table, resource report), fixed:BITS[:ACC][:tensor] (integer weights, overflow-checked).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "Model file: .textproto (text) or .pb (binary).")
    Path model;

    @Option(names = "--target", paramLabel = "T", required = true,
            description = {"float | nir | hw:PROFILE | fixed:BITS[:ACC][:tensor].",
                    "hw profiles are NAME.textproto files in --profiles (loihi2, spinnaker2, xylo, generic).",
                    "fixed: BITS 8 or 16, accumulator ACC bits (default 24 for 8, 32 for 16), scale per output "
                            + "channel unless ':tensor'."})
    String target;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Output: the model (.pb) for float and fixed, the NIR file (.nir/.h5) for nir, the "
                    + "deployment plan for hw (protobuf text when it ends in .textproto, else binary).")
    Path out;

    @Option(names = "--profiles", paramLabel = "DIR", defaultValue = "neuromorphic-export/targets",
            description = "Folder of hardware profiles. Default: ${DEFAULT-VALUE}.")
    Path profiles;

    @Option(names = "--conformance", paramLabel = "DIR",
            description = "Also write conformance vectors into DIR: input.csv (tick,neuron), expected-output.csv "
                    + "(tick,neuron of the output population), expected-spikes.csv (tick,population,neuron of "
                    + "every LIF population), simulated by the stepped engine on the exported network (for fixed "
                    + "targets: the de-quantised one).")
    Path conformance;

    @Option(names = "--input", paramLabel = "CSV",
            description = "Input spikes for --conformance (header tick,neuron); default: seeded random spikes.")
    Path input;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random conformance input. Default: "
            + "${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rate", defaultValue = "0.05", description = "Spike probability per input neuron and tick of "
            + "the random conformance input. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        ExportTarget t;
        try {
            t = ExportTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--target: " + e.getMessage());
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new ParameterException(spec.commandLine(), "--rate must be in [0, 1], was " + rate);
        }
        Path modelFile = Home.resolve(model);
        ModelProto proto = ModelFiles.read(modelFile);
        Exporter.Result r = Exporter.export(proto, modelFile.toString(), t, out, Home.resolve(profiles));
        pw.println(r.report());
        if (conformance != null) {
            NetworkSpec net = ModelFiles.toNetwork(proto, modelFile.toString());
            NetworkSpec exported = t instanceof ExportTarget.Fixed f
                    ? Exporter.dequantized(proto, modelFile.toString(), f) : net;
            InputSpikes in = input != null ? SpikeCsv.read(Home.resolve(input), net.inputPopulation().size())
                    : randomInput(net.inputPopulation().size(), net.ticks(), rate, seed);
            SimulationResult res = writeConformance(exported, in, conformance);
            pw.printf("conformance vectors written to %s: %d input spikes, %d output spikes over %d ticks%s%n",
                    conformance, in.size(), net.output() >= 0 ? res.populationSpikes(net.output()) : 0, net.ticks(),
                    net.output() >= 0 ? ", predicted class " + (res.predictedClass() == SimulationResult.NO_OUTPUT_SPIKES
                            ? "none (no output spikes)" : Integer.toString(res.predictedClass())) : "");
            if (t instanceof ExportTarget.Fixed) {
                SimulationResult ref = new SteppedEngine(CompiledNetwork.compile(net)).run(in, net.ticks(), false);
                pw.println("de-quantised vs float on the conformance input:");
                for (int p = 0; p < net.populations().size(); p++) {
                    if (net.population(p).isInput()) {
                        continue;
                    }
                    pw.printf("  %-16s spikes float %8d  fixed %8d  (%+.1f%%)%n", net.population(p).name(),
                            ref.populationSpikes(p), res.populationSpikes(p),
                            ref.populationSpikes(p) == 0 ? 0.0
                                    : 100.0 * (res.populationSpikes(p) - ref.populationSpikes(p))
                                    / ref.populationSpikes(p));
                }
                if (net.output() >= 0) {
                    pw.printf("  output counts float %s, fixed %s%n", Arrays.toString(ref.neuronCounts(net.output())),
                            Arrays.toString(res.neuronCounts(net.output())));
                }
            }
        }
        pw.flush();
        return 0;
    }

    /** Independent Bernoulli spikes per input neuron and tick in [1, ticks), from {@code seed}. */
    static InputSpikes randomInput(int channels, int ticks, double rate, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] tk = new int[64];
        int[] ch = new int[64];
        int n = 0;
        for (int t = 1; t < ticks; t++) {
            for (int c = 0; c < channels; c++) {
                if (rng.nextDouble() < rate) {
                    if (n == tk.length) {
                        tk = Arrays.copyOf(tk, 2 * n);
                        ch = Arrays.copyOf(ch, 2 * n);
                    }
                    tk[n] = t;
                    ch[n++] = c;
                }
            }
        }
        return InputSpikes.of(channels, Arrays.copyOf(tk, n), Arrays.copyOf(ch, n));
    }

    /** Simulates {@code net} on {@code in} with the stepped engine and writes the three CSV files into dir. */
    static SimulationResult writeConformance(NetworkSpec net, InputSpikes in, Path dir) throws IOException {
        CompiledNetwork c = CompiledNetwork.compile(net);
        SimulationResult r = new SteppedEngine(c).run(in, net.ticks(), true);
        Files.createDirectories(dir);
        StringBuilder input = new StringBuilder("tick,neuron\n");
        for (int i = 0; i < in.size(); i++) {
            input.append(in.tick(i)).append(',').append(in.channel(i)).append('\n');
        }
        write(dir.resolve("input.csv"), input);
        StringBuilder output = new StringBuilder("tick,neuron\n");
        StringBuilder all = new StringBuilder("tick,population,neuron\n");
        SpikeRecord s = r.spikes();
        for (int i = 0; i < s.size(); i++) {
            int g = s.neuron(i);
            int p = c.populationOf(g);
            if (net.population(p).isInput()) {
                continue;
            }
            all.append(s.tick(i)).append(',').append(net.population(p).name()).append(',').append(g - c.offset(p))
                    .append('\n');
            if (p == net.output()) {
                output.append(s.tick(i)).append(',').append(g - c.offset(p)).append('\n');
            }
        }
        write(dir.resolve("expected-output.csv"), output);
        write(dir.resolve("expected-spikes.csv"), all);
        return r;
    }

    private static void write(Path file, CharSequence text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.append(text);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
