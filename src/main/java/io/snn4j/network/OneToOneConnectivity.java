package io.snn4j.network;

import io.snn4j.event.TouchSet;

/** Neuron i to neuron i, with one weight per neuron or a shared one. */
final class OneToOneConnectivity extends Connectivity {
    private final float[] weights;

    OneToOneConnectivity(int n, int delay, float[] weights) {
        super(n, n, delay);
        this.weights = weights.clone();
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        acc[base + src] += weights.length == 1 ? weights[0] : weights[src];
        if (touched != null) {
            touched.add(src);
        }
        return -1;
    }

    @Override
    public int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched) {
        acc[base + src] += (long) (weights.length == 1 ? weights[0] : weights[src]);
        if (touched != null) {
            touched.add(src);
        }
        return -1;
    }

    @Override
    public int outDegree(int src) {
        return 1;
    }

    @Override
    public long synapseCount() {
        return sourceSize;
    }

    @Override
    public long bytes() {
        return 4L * weights.length;
    }
}
