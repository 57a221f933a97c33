package io.snn4j.cli;

import io.snn4j.engine.Engine;
import io.snn4j.engine.SimulationResult;
import io.snn4j.event.InputSpikes;
import io.snn4j.export.ModelFiles;
import io.snn4j.export.proto.ModelProto;
import io.snn4j.export.proto.NetworkProto;
import io.snn4j.export.proto.PopulationProto;
import io.snn4j.export.proto.ProjectionProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j bench ...}: built-in benchmarks. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Built-in benchmarks.",
        subcommands = {BenchCommand.Cuba.class})
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

        @Override
        public Integer call() throws IOException {
            if (neurons < 5 || neurons > 50_000_000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--neurons must be in [5, 50000000], was " + neurons);
            }
            if (!(seconds > 0) || seconds > 1e6) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--seconds must be in (0, 1e6], was " + seconds);
            }
            PrintWriter out = spec.commandLine().getOut();
            ModelProto proto = scaled(ModelFiles.read(Home.resolve(model)), neurons);
            resetPeaks();
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
            long start = System.nanoTime();
            SimulationResult r = e.run(InputSpikes.empty(net.inputPopulation().size()), ticks, false);
            double wall = (System.nanoTime() - start) / 1e9;
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
            out.printf("wall                 %.3f s%n", wall);
            out.printf("synaptic events/s    %.4g%n", events / wall);
            out.printf("peak heap            %.1f MB (max heap %.0f MB)%n", peakHeap() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
            out.flush();
            return 0;
        }

        /** The CUBA model with N neurons: 4:1 populations, about 80 inputs a neuron. */
        static ModelProto scaled(ModelProto base, int n) {
            if (n == 4000) {
                return base;
            }
            int exc = (int) Math.round(n * 0.8);
            int inh = n - exc;
            double p = 0.02 * 4000.0 / n;
            NetworkProto.Builder nb = base.getNetwork().toBuilder();
            for (int i = 0; i < nb.getPopulationsCount(); i++) {
                PopulationProto.Builder pb = nb.getPopulationsBuilder(i);
                if (pb.getName().equals("exc")) {
                    pb.setSize(exc);
                } else if (pb.getName().equals("inh")) {
                    pb.setSize(inh);
                }
            }
            for (int i = 0; i < nb.getProjectionsCount(); i++) {
                ProjectionProto.Builder pr = nb.getProjectionsBuilder(i);
                if (pr.hasRandom()) {
                    pr.getRandomBuilder().setP(Math.min(1, p));
                }
            }
            return base.toBuilder().setNetwork(nb).build();
        }

        static String jvm() {
            return "JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, single thread";
        }

        static void resetPeaks() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        static long peakHeap() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }
}
