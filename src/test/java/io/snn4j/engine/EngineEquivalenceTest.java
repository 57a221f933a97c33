package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.snn4j.backend.KernelProvider;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three engines on 240 random networks (every projection kind, delays 1-9 ticks, recurrence, lateral
 * inhibition, bias drive, initial potentials, one or two synapse types): the stepped engine must equal the oracle
 * spike for spike; the event engine must equal it except where double versus float rounding puts a membrane on the
 * other side of its threshold. The stepped engine runs with the SIMD kernels and again with the scalar ones. Such a
 * flip is accepted only if the oracle's membrane at the first differing spike lay within 1e-4 (relative) of the
 * threshold, and in at most 5 % of the networks. The figures go to
 * {@code target/engine-equivalence.txt}.
 */
class EngineEquivalenceTest {
    private static final int NETWORKS = 240;
    private static final int TICKS = 200;

    @Test
    void allEnginesProduceTheSameSpikeTrainsOnRandomNetworks() throws IOException {
        int steppedMismatches = 0;
        int eventMismatches = 0;
        long spikesCompared = 0;
        List<String> flips = new ArrayList<>();
        for (int seed = 1; seed <= NETWORKS; seed++) {
            NetworkSpec spec = RandomNetworks.network(seed);
            InputSpikes input = RandomNetworks.input(spec, seed, TICKS);
            CompiledNetwork net = CompiledNetwork.compile(spec);
            ClockDrivenOracle oracle = new ClockDrivenOracle(spec);
            SpikeRecord expected = oracle.run(input, TICKS);
            SpikeRecord stepped = new SteppedEngine(net).run(input, TICKS, true).spikes();
            SpikeRecord steppedScalar = new SteppedEngine(net, KernelProvider.scalar()).run(input, TICKS, true)
                    .spikes();
            assertEquals(-1, steppedScalar.firstDifference(stepped), "network " + seed
                    + ": scalar and vector kernels differ");
            for (int from : new int[] {0, Integer.MAX_VALUE}) {
                SpikeRecord forced = new SteppedEngine(net).denseFrom(from).run(input, TICKS, true).spikes();
                assertEquals(-1, forced.firstDifference(expected), "network " + seed + ": stepped engine with "
                        + (from == 0 ? "whole-population ticks only" : "active-list ticks only")
                        + " differs from the oracle");
            }
            SpikeRecord event = new EventEngine(net).run(input, TICKS, true).spikes();
            spikesCompared += expected.size();
            if (stepped.firstDifference(expected) >= 0) {
                steppedMismatches++;
                int i = stepped.firstDifference(expected);
                fail("network " + seed + ": stepped engine differs from the oracle at spike " + i + " of "
                        + expected.size() + describe(stepped, expected, i));
            }
            int d = event.firstDifference(expected);
            if (d >= 0) {
                eventMismatches++;
                int[] at = firstExtraSpike(event, expected, d);
                float v = oracle.membraneBeforeCompare[at[0]][at[1]];
                double threshold = thresholdOf(spec, net, at[1]);
                double margin = Math.abs(v - threshold) / Math.max(1, Math.abs(threshold));
                flips.add(String.format("network %d: first difference at tick %d neuron %d, oracle membrane %.7f, "
                        + "threshold %.7f, relative margin %.2e", seed, at[0], at[1], v, threshold, margin));
                assertTrue(margin < 1e-4, () -> "network " + spec.name() + ": event engine differs away from "
                        + "threshold: " + flips.get(flips.size() - 1));
            }
        }
        Path report = Path.of("target", "engine-equivalence.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, String.format("networks %d, ticks %d, oracle spikes compared %d%n"
                        + "stepped vs oracle: %d networks differ%nevent vs oracle: %d networks differ "
                        + "(threshold flips)%n%s%n", NETWORKS, TICKS, spikesCompared, steppedMismatches,
                eventMismatches, String.join("\n", flips)));
        assertEquals(0, steppedMismatches);
        assertTrue(eventMismatches <= NETWORKS / 20, "event engine flips in " + eventMismatches + " networks");
        assertTrue(spikesCompared > 100_000, "the random networks should be active, had " + spikesCompared);
    }

    /** (tick, neuron) of the spike present in one record but not the other at the first difference. */
    private static int[] firstExtraSpike(SpikeRecord a, SpikeRecord b, int i) {
        if (i >= a.size()) {
            return new int[] {b.tick(i), b.neuron(i)};
        }
        if (i >= b.size()) {
            return new int[] {a.tick(i), a.neuron(i)};
        }
        boolean aFirst = a.tick(i) < b.tick(i) || (a.tick(i) == b.tick(i) && a.neuron(i) < b.neuron(i));
        return aFirst ? new int[] {a.tick(i), a.neuron(i)} : new int[] {b.tick(i), b.neuron(i)};
    }

    private static double thresholdOf(NetworkSpec spec, CompiledNetwork net, int neuron) {
        var lif = spec.population(net.populationOf(neuron)).lif();
        return lif.strictThreshold() ? lif.threshold() : lif.threshold() - 1e-6;
    }

    private static String describe(SpikeRecord got, SpikeRecord expected, int i) {
        return ": got " + (i < got.size() ? "(" + got.tick(i) + ", " + got.neuron(i) + ")" : "end")
                + ", expected " + (i < expected.size() ? "(" + expected.tick(i) + ", " + expected.neuron(i) + ")"
                : "end");
    }
}
