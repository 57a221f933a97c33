package io.snn4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.engine.EventEngine;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.model.ModelFiles;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every model of the repository, the golden export files and a small trained model (float and {@code fixed:8},
 * integer mode) against the spike rasters recorded before the embedding runtime was rebuilt on the core engine:
 * the stepped engine (scalar and vector kernels) and the event engine must reproduce every spike.
 */
public class GoldenSpikesTest {
    public static final int MAX_TICKS = 150;

    /** A model file, its simulation mode and the golden run's input. */
    public record Case(Path model, boolean integer, double rate, long seed) {
        public Path golden() {
            String base = model.getFileName().toString().replaceFirst("\\.(textproto|pb)$", "");
            return GoldenSpikes.DIR.resolve(base + (integer ? "-integer" : "") + ".csv.gz");
        }
    }

    public static List<Case> cases() throws IOException {
        List<Case> all = new ArrayList<>();
        for (String dir : new String[] {"models", "neuromorphic-export/models"}) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".textproto")).sorted()
                        .forEach(p -> all.add(new Case(p, false, 0.1, 17)));
            }
        }
        Path export = Path.of("src/test/resources/golden/export");
        for (String f : new String[] {"bars-1.0.pb", "bars-1.1-float.pb", "bars-1.1-fixed8.pb", "bars-1.2-fixed8.pb"}) {
            all.add(new Case(export.resolve(f), false, 0.1, 17));
        }
        all.add(new Case(export.resolve("bars-1.2-fixed8.pb"), true, 0.1, 17));
        Path trained = GoldenSpikes.DIR.resolve("models");
        all.add(new Case(trained.resolve("small-mlp.pb"), false, 0.05, 23));
        all.add(new Case(trained.resolve("small-mlp-fixed8.pb"), false, 0.05, 23));
        all.add(new Case(trained.resolve("small-mlp-fixed8.pb"), true, 0.05, 23));
        return all;
    }

    public static NetworkSpec spec(Case c) throws IOException {
        var proto = ModelFiles.read(c.model());
        return c.integer() ? ModelFiles.toIntegerNetwork(proto, c.model().toString())
                : ModelFiles.toNetwork(proto, c.model().toString());
    }

    /** The golden run's input, from the input population's spikes in the golden file. */
    public static InputSpikes input(GoldenSpikes g, CompiledNetwork net) {
        int in = net.spec().input();
        int lo = net.offset(in);
        int size = net.size(in);
        int m = 0;
        for (int i = 0; i < g.size(); i++) {
            if (g.neuron()[i] >= lo && g.neuron()[i] < lo + size) {
                m++;
            }
        }
        int[] t = new int[m];
        int[] ch = new int[m];
        for (int i = 0, k = 0; i < g.size(); i++) {
            if (g.neuron()[i] >= lo && g.neuron()[i] < lo + size) {
                t[k] = g.tick()[i];
                ch[k++] = g.neuron()[i] - lo;
            }
        }
        return InputSpikes.of(size, t, ch);
    }

    public static void assertSameSpikes(SpikeRecord expected, SpikeRecord actual, String what) {
        int d = expected.firstDifference(actual);
        assertEquals(-1, d, () -> what + ": first difference at spike " + d + " of " + expected.size()
                + (d < expected.size() ? " (golden: tick " + expected.tick(d) + " neuron " + expected.neuron(d) + ")"
                : "") + (d < actual.size() ? " (now: tick " + actual.tick(d) + " neuron " + actual.neuron(d) + ")"
                : ""));
    }

    @Test
    void theEnginesReproduceEveryGoldenRaster() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 17, "golden cases: " + cases.size());
        for (Case c : cases) {
            GoldenSpikes g = GoldenSpikes.read(c.golden());
            CompiledNetwork net = CompiledNetwork.compile(spec(c));
            InputSpikes input = input(g, net);
            assertTrue(g.size() > input.size(), c + ": the golden raster has no spikes beyond its input");
            SpikeRecord expected = g.record();
            List<Kernels> kernels = new ArrayList<>(List.of(KernelProvider.scalar()));
            KernelProvider.vector().ifPresent(kernels::add);
            for (Kernels k : kernels) {
                assertSameSpikes(expected, new SteppedEngine(net, k).run(input, g.ticks(), true).spikes(),
                        c.golden() + ", stepped engine, " + k.name());
            }
            assertSameSpikes(expected, new EventEngine(net).run(input, g.ticks(), true).spikes(),
                    c.golden() + ", event engine");
        }
    }
}
