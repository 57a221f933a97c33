package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.engine.RandomNetworks;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The runtime against the stepped engine, spike for spike (every spike of every population, tick by tick), with the
 * scalar and with the vector kernels: on random networks of every projection kind (conv2d, pool, dense, lateral
 * inhibition, sparse lists with per-synapse delays, random projections, one-to-one, delays 1-9, bias, initial
 * potentials, one or two synapse types, strict thresholds, refractory periods) and on every model of the repository
 * ({@code models/}, {@code neuromorphic-export/models/}), the latter both as their file's own binary form (weights
 * drawn from {@code init_range} by the runtime) and as the trainer's writer emits them (weights explicit).
 */
@Tag("slow")
class RuntimeEquivalenceTest {
    private static final int TICKS = 200;

    static List<Kernels> kernels() {
        List<Kernels> all = new ArrayList<>();
        all.add(io.snn4j.backend.KernelProvider.scalar());
        io.snn4j.backend.KernelProvider.vector().ifPresent(all::add);
        return all;
    }

    /** Drives a session tick by tick with the given input, recording every spike as the engines record them. */
    static SpikeRecord run(SnnModel model, Kernels kernels, InputSpikes input, int ticks) {
        Session s = model.newSession(kernels);
        SpikeRecord record = new SpikeRecord();
        int[] offsets = new int[model.populationCount() + 1];
        int largest = 0;
        for (int p = 0; p < model.populationCount(); p++) {
            offsets[p + 1] = offsets[p] + model.populationSize(p);
            largest = Math.max(largest, model.populationSize(p));
        }
        int[] buf = new int[largest];
        int next = 0;
        for (int t = 0; t < ticks; t++) {
            while (next < input.size() && input.tick(next) == t) {
                s.input(input.channel(next++));
            }
            s.stepTick();
            for (int p = 0; p < model.populationCount(); p++) {
                int m = s.copyLastTickSpikes(p, buf);
                for (int k = 0; k < m; k++) {
                    record.add(t, offsets[p] + buf[k]);
                }
            }
        }
        return record;
    }

    static SpikeRecord engine(NetworkSpec spec, InputSpikes input, int ticks) {
        return new SteppedEngine(CompiledNetwork.compile(spec), KernelProvider.scalar()).run(input, ticks, true)
                .spikes();
    }

    private static void assertSame(SpikeRecord expected, SpikeRecord actual, String what) {
        int d = expected.firstDifference(actual);
        assertEquals(-1, d, () -> what + ": first difference at spike " + d + " of " + expected.size()
                + (d < expected.size() ? " (engine: tick " + expected.tick(d) + " neuron " + expected.neuron(d) + ")"
                : "") + (d < actual.size() ? " (runtime: tick " + actual.tick(d) + " neuron " + actual.neuron(d)
                + ")" : ""));
    }

    @Test
    void randomNetworksOfEveryKindSpikeAsTheSteppedEngine() throws IOException {
        long spikes = 0;
        int withRandom = 0;
        for (int seed = 1; seed <= 120; seed++) {
            NetworkSpec spec = RandomNetworks.network(seed);
            InputSpikes input = RandomNetworks.input(spec, seed, TICKS);
            SpikeRecord expected = engine(spec, input, TICKS);
            SnnModel model = SnnModel.fromBytes(ModelWriter.toProto(spec, Map.of()).toByteArray());
            for (Kernels k : kernels()) {
                assertSame(expected, run(model, k, input, TICKS), "network " + seed + ", " + k.name() + " kernels");
            }
            spikes += expected.size();
            withRandom += (int) spec.projections().stream()
                    .filter(p -> p instanceof io.snn4j.network.ProjectionSpec.Random).count();
        }
        assertTrue(spikes > 100_000, "the random networks should be active, had " + spikes + " spikes");
        assertTrue(withRandom > 10, "random projections should be drawn, had " + withRandom);
    }

    static Stream<Path> repositoryModels() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String dir : new String[] {"models", "neuromorphic-export/models"}) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".textproto")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @Test
    void everyRepositoryModelSpikesAsTheSteppedEngine() throws IOException {
        List<Path> models = repositoryModels().toList();
        assertTrue(models.size() >= 8, "models found: " + models);
        for (Path file : models) {
            NetworkSpec spec = ModelFiles.load(file);
            int ticks = Math.min(spec.ticks(), 120);
            InputSpikes input = RandomNetworks.input(spec, file.getFileName().toString().length(), ticks);
            SpikeRecord expected = engine(spec, input, ticks);
            SnnModel own = SnnModel.fromBytes(ModelFiles.read(file).toByteArray());
            SnnModel written = SnnModel.fromBytes(ModelWriter.toProto(spec, Map.of()).toByteArray());
            for (Kernels k : kernels()) {
                assertSame(expected, run(own, k, input, ticks), file + " (own binary form), " + k.name());
                assertSame(expected, run(written, k, input, ticks), file + " (written), " + k.name());
            }
            assertTrue(expected.size() > 0, file + ": no spikes at all, the comparison would be empty");
        }
    }
}
