package io.snn4j.cli;

import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeCsv;
import io.snn4j.event.SpikeRecord;
import io.snn4j.export.ExportTarget;
import io.snn4j.export.Exporter;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.DatasetRun;
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
                    + "targets: the de-quantized one).")
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

    @Option(names = "--calibrate", paramLabel = "DATA",
            description = {"fixed targets: calibrate the weight scales on training data (a data spec as for train, "
                    + "e.g. mnist:../shared/datasets/mnist): for each LIF population in turn, try every clipping "
                    + "factor of --clips (scale = clip * max |w| / (2^(BITS-1) - 1), larger weights clipped) and keep "
                    + "the one whose integer-mode simulation on the calibration samples saturates least, agrees "
                    + "best with the float network's decisions, then differs least in spike counts."})
    String calibrate;

    @Option(names = "--calibration-samples", paramLabel = "N", defaultValue = "200",
            description = "Training samples used by --calibrate, evenly spaced over the training set. Default: "
                    + "${DEFAULT-VALUE}.")
    int calibrationSamples;

    @Option(names = "--clips", paramLabel = "LIST", defaultValue = "1,0.95,0.9,0.85,0.8,0.7,0.6,0.5", split = ",",
            description = "Clipping factors in (0, 1] tried by --calibrate. Default: ${DEFAULT-VALUE}.")
    double[] clips;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the calibration data's encoding (use the training run's). Default: "
                    + "${DEFAULT-VALUE}.")
    long dataSeed;

    @Option(names = "--threads", paramLabel = "K", description = "Worker threads of --calibrate (default: all cores).")
    Integer threads;

    @Option(names = "--pipeline", paramLabel = "SETTINGS",
            description = {"Re-target the model's event input pipeline, e.g. to another camera: comma-separated "
                    + "sensor=WxH, origin=file|first-event, saccades=none|nmnist, crop=X:Y:W:H|none, downsample=F, "
                    + "polarity=separate|merged, mapping=column|row, us-per-tick=U, first-tick=T; the rest is kept "
                    + "(N-MNIST's pipeline for a model that records none). The result must give the model's input "
                    + "channel count."})
    String pipeline;

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
        if (calibrate != null && !(t instanceof ExportTarget.Fixed)) {
            throw new ParameterException(spec.commandLine(), "--calibrate applies to fixed:BITS targets only");
        }
        if (calibrationSamples < 1) {
            throw new ParameterException(spec.commandLine(), "--calibration-samples must be >= 1, was "
                    + calibrationSamples);
        }
        for (double c : clips) {
            if (!(c > 0 && c <= 1)) {
                throw new ParameterException(spec.commandLine(), "--clips: every factor must be in (0, 1], was " + c);
            }
        }
        Path modelFile = Home.resolve(model);
        ModelProto proto = ModelFiles.read(modelFile);
        if (pipeline != null) {
            int channels = ModelFiles.toNetwork(proto, modelFile.toString()).inputPopulation().size();
            try {
                proto = proto.toBuilder().setInputPipeline(PipelineOption.apply(proto.getInputPipeline(), pipeline,
                        channels)).clearInputEncoding().build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            pw.println("input pipeline: " + io.snn4j.pipeline.InputPipelines.describe(proto.getInputPipeline()));
        }
        Exporter.Result r;
        ModelProto fixedModel = null;
        if (t instanceof ExportTarget.Fixed f) {
            double[] clip = calibrate != null ? calibrate(proto, modelFile.toString(), f, pw) : null;
            Exporter.FixedExport fe = Exporter.fixedPoint(proto, modelFile.toString(), f, clip);
            r = Exporter.writeFixed(fe, out);
            fixedModel = fe.model();
        } else {
            r = Exporter.export(proto, modelFile.toString(), t, out, Home.resolve(profiles));
        }
        pw.println(r.report());
        if (conformance != null) {
            NetworkSpec net = ModelFiles.toNetwork(proto, modelFile.toString());
            boolean integerMode = fixedModel != null && ModelFiles.hasIntegerMode(fixedModel);
            NetworkSpec exported = fixedModel == null ? net : integerMode
                    ? ModelFiles.toIntegerNetwork(fixedModel, out.toString())
                    : Exporter.dequantized(proto, modelFile.toString(), (ExportTarget.Fixed) t);
            InputSpikes in = input != null ? SpikeCsv.read(Home.resolve(input), net.inputPopulation().size())
                    : randomInput(net.inputPopulation().size(), net.ticks(), rate, seed);
            SimulationResult res = writeConformance(exported, in, conformance);
            pw.printf("conformance vectors written to %s: %d input spikes, %d output spikes over %d ticks%s%n",
                    conformance, in.size(), net.output() >= 0 ? res.populationSpikes(net.output()) : 0, net.ticks(),
                    net.output() >= 0 ? ", predicted class "
                    + (res.predictedClass() == SimulationResult.NO_OUTPUT_SPIKES
                            ? "none (no output spikes)" : Integer.toString(res.predictedClass())) : "");
            if (t instanceof ExportTarget.Fixed) {
                SimulationResult ref = new SteppedEngine(CompiledNetwork.compile(net)).run(in, net.ticks(), false);
                pw.println(integerMode ? "integer mode (exact, " + res.saturations() + " saturations) vs float on the "
                        + "conformance input:" : "de-quantized vs float on the conformance input:");
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

    /**
     * Per-population clipping factors chosen on training samples (see --calibrate): populations in index order, each
     * trying every factor with the others at their current choice. Prints one line per trial.
     */
    private double[] calibrate(ModelProto proto, String where, ExportTarget.Fixed f, PrintWriter pw)
            throws IOException {
        NetworkSpec net = ModelFiles.toNetwork(proto, where);
        if (f.accumulatorBits() > io.snn4j.neuron.FixedLifParameters.MAX_ACCUMULATOR_BITS) {
            pw.println("calibration skipped: no integer mode above "
                    + io.snn4j.neuron.FixedLifParameters.MAX_ACCUMULATOR_BITS + " accumulator bits");
            return null;
        }
        if (net.output() < 0) {
            throw new ParameterException(spec.commandLine(), "--calibrate needs a model with an output population");
        }
        io.snn4j.data.dataset.Dataset train = DataSpecs.open(calibrate, net.inputPopulation().size(), net.ticks(),
                dataSeed, proto.hasInputPipeline() ? proto.getInputPipeline() : null).train();
        int n = Math.min(calibrationSamples, train.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * train.size() / n);
        }
        io.snn4j.data.dataset.Dataset sample = io.snn4j.data.dataset.Datasets.subset(train, idx);
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        DatasetRun ref = DatasetRun.of(net, sample, k);
        double[] clip = new double[net.populations().size()];
        Arrays.fill(clip, 1);
        pw.printf("calibration on %d training samples of %s (float accuracy on them %.1f %%):%n", n, calibrate,
                100.0 * ref.correct(sample) / n);
        pw.printf("  %-16s %6s %10s %12s %12s%n", "population", "clip", "agreement", "spike diff", "saturations");
        for (int p = 0; p < clip.length; p++) {
            if (net.population(p).isInput()) {
                continue;
            }
            double best = clip[p];
            long[] bestScore = null;
            for (double c : clips) {
                clip[p] = c;
                DatasetRun run;
                try {
                    Exporter.FixedExport e = Exporter.fixedPoint(proto, where, f, clip);
                    run = DatasetRun.of(ModelFiles.toIntegerNetwork(e.model(), where), sample, k);
                } catch (io.snn4j.export.FixedPointOverflowException e) {
                    pw.printf("  %-16s %6.2f   overflow at export%n", net.population(p).name(), c);
                    continue;
                }
                long agree = run.agreement(ref);
                long diff = run.spikeDifference(ref);
                pw.printf("  %-16s %6.2f %9.1f%% %12d %12d%n", net.population(p).name(), c, 100.0 * agree / n, diff,
                        run.saturations());
                long[] score = {run.saturations() == 0 ? 0 : 1, -agree, diff};
                if (bestScore == null || Arrays.compare(score, bestScore) < 0) {
                    bestScore = score;
                    best = c;
                }
            }
            clip[p] = best;
            pw.printf("  %-16s -> clip %.2f%n", net.population(p).name(), best);
        }
        pw.printf("calibration took %.1f s%n", (System.nanoTime() - start) / 1e9);
        return clip;
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
