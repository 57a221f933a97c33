package io.snn4j.cli;

import io.snn4j.bench.BenchmarkNetworks;
import io.snn4j.data.EventStream;
import io.snn4j.data.dataset.CachedDataset;
import io.snn4j.data.dataset.EventDataset;
import io.snn4j.data.dataset.Prefetcher;
import io.snn4j.data.dataset.SpikeCache;
import io.snn4j.data.nmnist.NmnistLayout;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.nmnist.NmnistSample;
import io.snn4j.data.transform.SaccadeStabilization;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.engine.Engine;
import io.snn4j.engine.EventEngine;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.engine.SimulationResult;
import io.snn4j.event.InputSpikes;
import io.snn4j.model.ModelFiles;
import io.snn4j.runtime.Session;
import io.snn4j.runtime.SnnModel;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j bench ...}: built-in benchmarks. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Built-in benchmarks.",
        subcommands = {BenchCommand.Cuba.class, BenchCommand.Sparse.class, BenchCommand.Data.class,
            BenchCommand.RuntimeBench.class, BenchFormatsCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark");
    }

    /** The Vogels-Abbott CUBA network (Brette et al. 2007), as Brian2's CUBA example. */
    @Command(name = "cuba",
            mixinStandardHelpOptions = true,
            description = {"Simulate the CUBA benchmark network (models/cuba.textproto) and report its rate and "
                    + "synaptic events per second.",
                    "With --neurons other than 4000 the populations keep the 4:1 ratio and each neuron keeps about 80 "
                            + "inputs (p = 0.02 * 4000 / N)."})
    static final class Cuba implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--neurons", paramLabel = "N", defaultValue = "4000",
                description = "Network size. Default: ${DEFAULT-VALUE}.")
        int neurons;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
                description = "Simulated seconds. Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--engine", paramLabel = "stepped|event", defaultValue = "stepped",
                description = "Engine. Default: ${DEFAULT-VALUE}.")
        SimulateCommand.EngineKind engine;

        @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "1",
                description = "Simulated seconds run first and not measured, so that the JIT has compiled the hot "
                        + "loops (as JMH warms up). Default: ${DEFAULT-VALUE}.")
        double warmupSeconds;

        @Option(names = "--model", paramLabel = "FILE", defaultValue = "models/cuba.textproto",
                description = "The CUBA model file. Default: ${DEFAULT-VALUE}.")
        Path model;

        @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
                description = {"Measured runs of --seconds each, from the same start (the same spikes): each "
                        + "round's rate is printed, the figures above it are the median round's, and the last line "
                        + "gives the median and range. Default: ${DEFAULT-VALUE}."})
        int rounds;

        @Override
        public Integer call() throws IOException {
            if (rounds < 1 || rounds > 1000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--rounds must be in [1, 1000], was " + rounds);
            }
            if (neurons < 5 || neurons > 50_000_000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--neurons must be in [5, 50000000], was " + neurons);
            }
            if (!(seconds > 0) || seconds > 1e6) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--seconds must be in (0, 1e6], was " + seconds);
            }
            PrintWriter out = spec.commandLine().getOut();
            ModelProto proto = BenchmarkNetworks.cuba(ModelFiles.read(Home.resolve(model)), neurons);
            HeapPeaks.reset();
            long buildStart = System.nanoTime();
            NetworkSpec net = ModelFiles.toNetwork(proto, model.toString());
            CompiledNetwork compiled = CompiledNetwork.compile(net);
            Engine e = engine.create(compiled);
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            int ticks = (int) Math.round(seconds * 1e6 / net.usPerTick());
            int warmupTicks = (int) Math.round(Math.max(0, warmupSeconds) * 1e6 / net.usPerTick());
            long warmStart = System.nanoTime();
            if (warmupTicks > 0) {
                e.run(InputSpikes.empty(net.inputPopulation().size()), warmupTicks, false);
            }
            double warmWall = (System.nanoTime() - warmStart) / 1e9;
            double[] walls = new double[rounds];
            double[] cpus = new double[rounds];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            SimulationResult r = null;
            for (int k = 0; k < rounds; k++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                SimulationResult rk = e.run(InputSpikes.empty(net.inputPopulation().size()), ticks, false);
                walls[k] = (System.nanoTime() - start) / 1e9;
                cpus[k] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                if (r != null && (rk.totalSpikes() != r.totalSpikes() || rk.synapticEvents() != r.synapticEvents())) {
                    throw new IllegalStateException("round " + (k + 1) + " simulated other spikes than round 1 ("
                            + rk.totalSpikes() + " vs " + r.totalSpikes() + "): a run must start from the same state");
                }
                r = rk;
            }
            double[] sorted = walls.clone();
            java.util.Arrays.sort(sorted);
            double wall = sorted[(rounds - 1) / 2]; // the median round (of an even count, the faster middle one)
            long spikes = r.totalSpikes();
            long events = r.synapticEvents();
            int lif = compiled.neuronCount() - net.inputPopulation().size();
            out.printf("CUBA benchmark, %s engine, %s%n", e.name(), jvm());
            out.printf("neurons              %d (%d excitatory, %d inhibitory)%n", lif,
                    net.population(1).size(), net.population(2).size());
            out.printf("synapses             %d (%.1f MB of connectivity, %.2f bytes a synapse)%n",
                    compiled.synapseCount(), compiled.connectivityBytes() / 1048576.0,
                    compiled.connectivityBytes() / (double) compiled.synapseCount());
            out.printf("build                %.2f s%n", buildSeconds);
            out.printf("warm-up              %.3f s simulated, %.3f s wall (not measured)%n",
                    warmupTicks * net.usPerTick() * 1e-6, warmWall);
            out.printf("simulated            %.3f s (%d ticks of %s us)%n", ticks * net.usPerTick() * 1e-6, ticks,
                    SimulateCommand.trim(net.usPerTick()));
            out.printf("spikes               %d%n", spikes);
            out.printf("mean rate            %.2f Hz%n", spikes / (lif * ticks * net.usPerTick() * 1e-6));
            out.printf("synaptic events      %d%n", events);
            for (int k = 0; k < rounds; k++) {
                out.printf("round %-3d            %.3f s wall, %.4g synaptic events/s (%.3f s CPU, %.4g per CPU "
                        + "second)%n", k + 1, walls[k], events / walls[k], cpus[k], events / cpus[k]);
            }
            out.printf("wall                 %.3f s (median round)%n", wall);
            out.printf("synaptic events/s    %.4g%n", events / wall);
            out.printf("peak heap            %.1f MB (max heap %.0f MB)%n", HeapPeaks.peakBytes() / 1048576.0,
                    HeapPeaks.maxBytes() / 1048576.0);
            out.printf("synaptic events/s (median): %.4g (range %.4g .. %.4g over %d round%s; load average %s)%n",
                    events / wall, events / sorted[rounds - 1], events / sorted[0], rounds, rounds == 1 ? "" : "s",
                    RuntimeBench.loadAverage());
            out.flush();
            return 0;
        }

        static String jvm() {
            return "JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, single thread";
        }
    }

    /**
     * Sparse asynchronous input at fine ticks: an N-MNIST-sized network (2312-800-10, the HM2-BP N-MNIST layer sizes
     * and time constants, uniform random weights) driven by one emulated N-MNIST recording of a built-in digit, binned
     * at --us-per-tick. Runs both engines on the same input and compares their wall time and spikes.
     */
    @Command(name = "sparse",
            mixinStandardHelpOptions = true,
            description = {"Event engine against stepped engine on sparse input at fine ticks: a 2312-800-10 network "
                    + "(tau_m 38.4 ms, tau_s 4.8 ms, refractory 1.2 ms, thresholds 15) driven by an emulated N-MNIST "
                    + "recording of a built-in digit (about 4000 events in 300 ms)."})
    static final class Sparse implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--us-per-tick", paramLabel = "US", defaultValue = "1",
                description = "Tick length in microseconds. Default: ${DEFAULT-VALUE}.")
        int usPerTick;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of the weights and the recording. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
                description = "Timed runs per engine after one warm-up run; the best is reported. Default: "
                        + "${DEFAULT-VALUE}.")
        int repeat;

        @Option(names = "--integer", description = {"Both engines in integer mode, on the fixed-point version of the "
                + "network: weights x 63 rounded (8 bits, one scale), 32-bit accumulators, decay shift 24, 8 fraction "
                + "bits, thresholds 15 x 63 x 2^8. Prints the accumulator saturations and the load average."})
        boolean integer;

        @Override
        public Integer call() {
            if (usPerTick < 1 || usPerTick > 100_000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--us-per-tick must be in [1, 100000], was " + usPerTick);
            }
            if (repeat < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--repeat must be >= 1, was " + repeat);
            }
            PrintWriter out = spec.commandLine().getOut();
            EventStream events = BenchmarkNetworks.sparseRecording(seed);
            int ticks = BenchmarkNetworks.sparseTicks(usPerTick);
            InputSpikes input = BenchmarkNetworks.sparseInput(events, usPerTick, ticks);
            NetworkSpec net = BenchmarkNetworks.sparse(usPerTick, ticks, seed);
            if (integer) {
                net = BenchmarkNetworks.sparseInteger(net);
            }
            CompiledNetwork compiled = CompiledNetwork.compile(net);
            Engine[] engines = {new SteppedEngine(compiled), new EventEngine(compiled)};
            double[] best = new double[engines.length];
            SimulationResult[] results = new SimulationResult[engines.length];
            for (int k = 0; k < engines.length; k++) {
                results[k] = engines[k].run(input, ticks, true);
                best[k] = Double.MAX_VALUE;
                for (int r = 0; r < repeat; r++) {
                    long start = System.nanoTime();
                    engines[k].run(input, ticks, false);
                    best[k] = Math.min(best[k], (System.nanoTime() - start) / 1e9);
                }
            }
            out.printf("Sparse input at fine ticks%s, %s%n", integer ? " in integer mode" : "", Cuba.jvm());
            out.printf("network              2312-800-10, %d synapses%n", compiled.synapseCount());
            out.printf("input                %d events of an emulated recording -> %d spikes%n", events.size(),
                    input.size());
            out.printf("ticks                %d of %d us (%.0f ms)%n", ticks, usPerTick, ticks * usPerTick / 1000.0);
            out.printf("spikes               hidden %d, output %d (%s engine), hidden %d, output %d (%s engine)%n",
                    results[0].populationSpikes(1), results[0].populationSpikes(2), engines[0].name(),
                    results[1].populationSpikes(1), results[1].populationSpikes(2), engines[1].name());
            int diff = results[0].spikes().firstDifference(results[1].spikes());
            out.printf("spike trains         %s%n", diff < 0 ? "identical"
                    : "differ from spike " + diff + " of " + results[0].spikes().size());
            out.printf("synaptic events      %d%n", results[1].synapticEvents());
            if (integer) {
                out.printf("saturations          %d (%s engine), %d (%s engine)%n", results[0].saturations(),
                        engines[0].name(), results[1].saturations(), engines[1].name());
            }
            for (int k = 0; k < engines.length; k++) {
                out.printf("%-20s %.4f s wall (best of %d)%n", engines[k].name(), best[k], repeat);
            }
            out.printf("event engine speed-up %.2fx%n", best[0] / best[1]);
            out.printf("load average         %s%n", RuntimeBench.loadAverage());
            out.flush();
            return 0;
        }
    }

    /**
     * Loading throughput of an N-MNIST data set: read, saccade-stabilise and bin every sample (the reference
     * preprocessing, 600 us ticks, 2312 channels), then the same samples from the on-disk spike cache.
     */
    @Command(name = "data",
            mixinStandardHelpOptions = true,
            description = {"N-MNIST loading throughput: samples/s reading, stabilising and binning every recording, "
                    + "then reading the binned samples back from the spike cache."})
    static final class Data implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--nmnist", paramLabel = "DIR", required = true,
                description = "An N-MNIST folder: Train/<digit>/*.bin (full layout) or a list file "
                        + "'<id>\\t<label>' named train1K.txt or train.txt beside <id>.bs2/.bin files.")
        Path dir;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
                description = "Loader threads for the prefetching passes. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<NmnistSample> samples = layout(dir);
            int[] labels = samples.stream().mapToInt(NmnistSample::label).toArray();
            NmnistReader reader = new NmnistReader();
            EventDataset data = EventDataset.of(i -> {
                try {
                    return reader.read(samples.get(i).file()).events();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, labels, SaccadeStabilization.nmnist(), EventBinning.nmnistReference(), 1);
            out.printf("N-MNIST loading, %d samples from %s, %s%n", samples.size(), dir, Cuba.jvm());
            double first = pass(data, 1);
            pass(data, 1);
            double one = best(data, 1);
            double parallel = best(data, threads);
            out.printf("read+stabilise+bin   %.0f samples/s (first pass: cold JIT and file cache, one thread)%n",
                    samples.size() / first);
            out.printf("read+stabilise+bin   %.0f samples/s (one thread, best of 3 after warm-up)%n",
                    samples.size() / one);
            out.printf("read+stabilise+bin   %.0f samples/s (%d loader threads, best of 3)%n",
                    samples.size() / parallel,
                    threads);
            Path cache = Files.createTempFile("snn4j-bench", ".spikes");
            try {
                long start = System.nanoTime();
                SpikeCache.write(cache, data, threads);
                double write = (System.nanoTime() - start) / 1e9;
                out.printf("cache write          %.2f s, %.1f MB (%d loader threads)%n", write,
                        Files.size(cache) / 1048576.0, threads);
                try (CachedDataset cached = SpikeCache.open(cache)) {
                    pass(cached, 1);
                    double c1 = best(cached, 1);
                    double cp = best(cached, threads);
                    out.printf("cached               %.0f samples/s (one thread, best of 3)%n", samples.size() / c1);
                    out.printf("cached               %.0f samples/s (%d loader threads, best of 3)%n",
                            samples.size() / cp, threads);
                }
            } finally {
                Files.deleteIfExists(cache);
            }
            out.flush();
            return 0;
        }

        static java.util.List<NmnistSample> layout(Path dir) throws IOException {
            if (Files.isDirectory(dir.resolve("Train"))) {
                return NmnistLayout.fromFolders(dir, NmnistLayout.Split.TRAIN);
            }
            for (String name : new String[] {"train1K.txt", "train.txt"}) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    return NmnistLayout.fromListFile(dir.resolve(name));
                }
            }
            throw new IOException(dir + ": neither a Train/ folder nor a train1K.txt / train.txt list file");
        }

        /** The fastest of three passes, in seconds. */
        static double best(io.snn4j.data.dataset.Dataset data, int threads) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                best = Math.min(best, pass(data, threads));
            }
            return best;
        }

        /** Loads every sample in order with the given loader threads; returns seconds. */
        static double pass(io.snn4j.data.dataset.Dataset data, int threads) {
            long start = System.nanoTime();
            long spikes = 0;
            try (Prefetcher p = Prefetcher.start(data, threads)) {
                while (p.hasNext()) {
                    spikes += p.next().spikes().size();
                }
            }
            if (spikes < 0) {
                throw new AssertionError();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * The embedding runtime on nmnist-mlp (2312-800-10, weights as the model file draws them): emulated recordings
     * pushed event by event into a session, with scalar and with SIMD kernels.
     */
    @Command(name = "runtime",
            mixinStandardHelpOptions = true,
            description = "Embedding runtime throughput (samples/s) and per-event latency (p50, p99) with scalar and "
                    + "SIMD kernels, on emulated N-MNIST recordings.")
    static final class RuntimeBench implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "FILE", defaultValue = "models/nmnist-mlp.textproto",
                description = "Model. Default: ${DEFAULT-VALUE}.")
        Path model;

        @Option(names = "--samples", paramLabel = "N", defaultValue = "20",
                description = "Recordings per kernel (after as many for warm-up). Default: ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = {"Measured rounds, each a pass of every kernel in turn; each kernel's best round "
                        + "counts. On a loaded machine many short rounds (e.g. --samples 20 --rounds 100) give "
                        + "steadier figures than a few long ones. Default: ${DEFAULT-VALUE}."})
        int rounds;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (samples < 1 || rounds < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--samples and --rounds must be >= 1, were " + samples + " and " + rounds);
            }
            NetworkSpec net = ModelFiles.load(Home.resolve(model));
            EventStream[] recordings = BenchmarkNetworks.digitRecordings(samples);
            out.printf("Runtime on %s (%s), %d emulated recordings, %s%n", model, TrainCommand.describe(net), samples,
                    Cuba.jvm());
            java.util.List<io.snn4j.backend.Kernels> kernels = new java.util.ArrayList<>();
            kernels.add(io.snn4j.backend.KernelProvider.scalar());
            io.snn4j.backend.KernelProvider.vector().ifPresent(kernels::add);
            SnnModel m = SnnModel.load(Home.resolve(model));
            io.snn4j.data.encode.ChannelLayout layout = io.snn4j.data.encode.ChannelLayout.nmnist();
            long events = 0;
            for (EventStream r : recordings) {
                events += r.size();
            }
            long[] latency = new long[(int) events];
            double[] rates = new double[kernels.size()];
            double[] cpuRates = new double[kernels.size()];
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            // round 0 warms both up; rounds 1..rounds alternate scalar and vector, each kernel's best pass counts. A
            // round is a throughput pass (push and class per event, as an application does; no clock read per event)
            // and a latency pass (the same with a clock read around every event).
            for (int round = 0; round <= rounds; round++) {
                for (int ki = 0; ki < kernels.size(); ki++) {
                    io.snn4j.backend.Kernels k = kernels.get(ki);
                    Session s = m.newSession(k);
                    long cpu = mx.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    int decisions = 0;
                    for (EventStream r : recordings) {
                        s.reset();
                        for (int i = 0; i < r.size(); i++) {
                            s.push(r.timestampUs(i), layout.channel(r.x(i), r.y(i), r.polarity(i)));
                            decisions += s.currentClass();
                        }
                        s.advanceTo(r.timestampUs(r.size() - 1) + 3L * (long) m.usPerTick());
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
                    int n = 0;
                    for (EventStream r : recordings) {
                        s.reset();
                        for (int i = 0; i < r.size(); i++) {
                            long t0 = System.nanoTime();
                            s.push(r.timestampUs(i), layout.channel(r.x(i), r.y(i), r.polarity(i)));
                            decisions += s.currentClass();
                            latency[n++] = System.nanoTime() - t0;
                        }
                        s.advanceTo(r.timestampUs(r.size() - 1) + 3L * (long) m.usPerTick());
                    }
                    if (decisions == Integer.MIN_VALUE) {
                        throw new AssertionError();
                    }
                    if (round == 0) {
                        continue;
                    }
                    java.util.Arrays.sort(latency);
                    rates[ki] = Math.max(rates[ki], samples / seconds);
                    cpuRates[ki] = Math.max(cpuRates[ki], samples / cpuSeconds);
                    if (rounds > 10 && round < rounds) {
                        continue;
                    }
                    out.printf(java.util.Locale.ROOT, "%-7s kernels  %.1f samples/s (%.1f per CPU second), %.3g "
                                    + "events/s; per event p50 %.2f us, p99 %.2f us%n", k.name(), samples / seconds,
                            samples / cpuSeconds, events / seconds, latency[latency.length / 2] / 1e3,
                            latency[(int) (latency.length * 0.99)] / 1e3);
                }
            }
            for (int ki = 0; ki < kernels.size(); ki++) {
                out.printf(java.util.Locale.ROOT, "%-7s best of %d rounds: %.1f samples/s, %.1f per CPU second%n",
                        kernels.get(ki).name(), rounds, rates[ki], cpuRates[ki]);
            }
            if (rates.length == 2) {
                out.printf(java.util.Locale.ROOT, "vector / scalar: %.2fx wall, %.2fx CPU time (best pass of each; "
                        + "load average %s)%n", rates[1] / rates[0], cpuRates[1] / cpuRates[0], loadAverage());
            } else {
                out.println("vector kernels unavailable (run with --add-modules jdk.incubator.vector)");
            }
            out.flush();
            return 0;
        }

        static String loadAverage() {
            try {
                return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }
    }
}
