package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;

/** Argument checks and spike bookkeeping the engines share. */
final class RunSupport {
    private RunSupport() {
    }

    /** Checks the arguments of {@link Engine#run(InputSpikes, int, boolean, int[])}. */
    static void checkRun(CompiledNetwork net, InputSpikes input, int ticks, int[] probes) {
        int inputPop = net.spec().input();
        if (input.channelCount() != net.size(inputPop)) {
            throw new IllegalArgumentException("input has " + input.channelCount() + " channels but population '"
                    + net.spec().population(inputPop).name() + "' has " + net.size(inputPop) + " neurons");
        }
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0, was " + ticks);
        }
        for (int g : probes) {
            if (g < 0 || g >= net.neuronCount() || net.constants(net.populationOf(g)) == null) {
                throw new IllegalArgumentException("probe " + g + " is not a LIF neuron of network '"
                        + net.spec().name() + "'");
            }
        }
    }

    /**
     * Counts this tick's spikes (per population, local indices ascending) and records them with global indices.
     *
     * @param spikes     read; per population, its spiking neurons
     * @param spikeCount read; per population, how many
     * @param counts     written; spikes per global neuron
     * @param record     written when non-null
     */
    static void collect(CompiledNetwork net, int t, int[][] spikes, int[] spikeCount, int[] counts,
                        SpikeRecord record) {
        for (int p = 0, pops = net.populationCount(); p < pops; p++) {
            int off = net.offset(p);
            int[] buf = spikes[p];
            for (int k = 0, m = spikeCount[p]; k < m; k++) {
                counts[off + buf[k]]++;
                if (record != null) {
                    record.add(t, off + buf[k]);
                }
            }
        }
    }
}
