package io.snn4j.network;

import io.snn4j.event.TouchSet;

/**
 * Fixed lateral inhibition: a spike of neuron l adds {@code weight} (negative) to every other neuron of its population.
 */
final class LateralConnectivity extends Connectivity {
    private final float weight;

    LateralConnectivity(int n, int delay, float weight) {
        super(n, n, delay);
        this.weight = weight;
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        final int n = targetSize;
        final float w = weight;
        for (int i = 0; i < src; i++) {
            acc[base + i] += w;
        }
        for (int i = src + 1; i < n; i++) {
            acc[base + i] += w;
        }
        if (touched != null) {
            for (int i = 0; i < n; i++) {
                if (i != src) {
                    touched.add(i);
                }
            }
        }
        return -1;
    }

    @Override
    public int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched) {
        final int n = targetSize;
        final float w = weight;
        for (int i = 0; i < src; i++) {
            acc[base + i] += (long) w;
        }
        for (int i = src + 1; i < n; i++) {
            acc[base + i] += (long) w;
        }
        if (touched != null) {
            for (int i = 0; i < n; i++) {
                if (i != src) {
                    touched.add(i);
                }
            }
        }
        return -1;
    }

    @Override
    public int outDegree(int src) {
        return targetSize - 1;
    }

    @Override
    public long synapseCount() {
        return (long) sourceSize * (sourceSize - 1);
    }

    @Override
    public long bytes() {
        return 0;
    }
}
