package io.snn4j.engine;

import io.snn4j.network.CompiledNetwork;

/** Validation of membrane probes, shared by the engines. */
final class Probes {
    private Probes() {
    }

    static void check(CompiledNetwork net, int[] probes) {
        for (int g : probes) {
            if (g < 0 || g >= net.neuronCount() || net.constants(net.populationOf(g)) == null) {
                throw new IllegalArgumentException("probe " + g + " is not a LIF neuron of network '"
                        + net.spec().name() + "'");
            }
        }
    }
}
