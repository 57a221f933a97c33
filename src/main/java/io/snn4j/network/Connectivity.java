package io.snn4j.network;

import io.snn4j.backend.Kernels;
import io.snn4j.event.TouchSet;
import java.util.Arrays;

/**
 * Compiled connectivity of one projection, in the form engines deliver spikes through. The synapses of one source
 * neuron are visited in groups of equal delay: {@link #firstGroup} gives a cursor (or -1), {@link #groupDelay} its
 * delay, and {@link #deliverGroup} adds the group's weights into an accumulator and returns the next cursor (or -1).
 *
 * <p>Accumulation order is part of the contract (the engines' float sums must agree bit for bit with the oracle): for
 * one source neuron each target receives at most one contribution per group, except explicit sparse lists, where
 * repeated (pre, post) pairs are added in list order.
 *
 * <p>Immutable after compilation; safe to share between engines on different threads.
 */
public abstract sealed class Connectivity permits DenseConnectivity, CsrConnectivity, OneToOneConnectivity,
        Conv2dConnectivity, PoolConnectivity, LateralConnectivity {
    final int sourceSize;
    final int targetSize;
    final int delay;

    Connectivity(int sourceSize, int targetSize, int delay) {
        this.sourceSize = sourceSize;
        this.targetSize = targetSize;
        this.delay = delay;
    }

    /** Cursor of the first synapse group of {@code src}, or -1 when it has no synapses. */
    public int firstGroup(int src) {
        return 0;
    }

    /** Delay in ticks of the group at {@code cursor}. */
    public int groupDelay(int src, int cursor) {
        return delay;
    }

    /**
     * Adds the weights of one synapse group of source neuron {@code src} into {@code acc[base + target]}, and adds
     * each target to {@code touched} when it is not null.
     *
     * @param acc     written; accumulator indexed by {@code base +} local target index
     * @param touched written when non-null; receives local target indices
     * @return the cursor of the next group, or -1
     */
    public abstract int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched);

    /**
     * Integer mode: as {@link #deliverGroup(int, int, float[], int, TouchSet)}, adding the weights (integers held
     * exactly in the float arrays, checked by the network's validation) into a 64-bit accumulator, exactly.
     */
    public abstract int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched);

    /**
     * Whether {@link #deliverRows} may be used: every source has one synapse group, at delay {@link #minDelay()}.
     */
    public boolean deliversRows() {
        return false;
    }

    /**
     * Delivers the spikes of sources {@code sources[0 .. count)} in that order, as {@code count} calls of
     * {@link #deliverGroup(int, int, float[], int, TouchSet)} would (the same floats), but in one pass where the
     * connectivity allows it, with the given kernels (a run's scalar or SIMD choice). Only when
     * {@link #deliversRows()}.
     */
    public void deliverRows(Kernels kernels, int[] sources, int count, float[] acc, int base, TouchSet touched) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " delivers group by group");
    }

    /**
     * Into how many independent target blocks {@link #deliverRowsPart} can split a delivery (0: it cannot). Only when
     * {@link #deliversRows()}.
     */
    public int splitBlocks() {
        return 0;
    }

    /**
     * Part {@code part} of {@code parts} of {@link #deliverRows} without a touched set: the same additions for the
     * targets of that part's blocks only, so the parts may run at once on different threads, and all parts together
     * give the floats of {@link #deliverRows}. Only when {@link #splitBlocks()} is at least {@code parts}.
     */
    public void deliverRowsPart(Kernels kernels, int[] sources, int count, float[] acc, int base, int part,
                                int parts) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not split its deliveries");
    }

    /** Largest delay in ticks. */
    public int maxDelay() {
        return delay;
    }

    /** Smallest delay in ticks. */
    public int minDelay() {
        return delay;
    }

    /** Number of synapses leaving source neuron {@code src}. */
    public abstract int outDegree(int src);

    /**
     * Out-degree of every source neuron, counted by delivering each one once into scratch buffers (for kinds that
     * compute their targets instead of storing them). Call only once the subclass is fully constructed.
     */
    final int[] countOutDegrees() {
        int[] degrees = new int[sourceSize];
        float[] scratch = new float[targetSize];
        TouchSet seen = new TouchSet(targetSize);
        for (int src = 0; src < sourceSize; src++) {
            int cursor = firstGroup(src);
            while (cursor >= 0) {
                cursor = deliverGroup(src, cursor, scratch, 0, seen);
            }
            degrees[src] = seen.size();
            seen.clear();
        }
        return degrees;
    }

    /** Number of synapses represented. */
    public abstract long synapseCount();

    /** Heap bytes the compiled arrays take. */
    public abstract long bytes();

    /**
     * The targets of every source neuron of projection {@code pr}, each row ascending and without repeats (a pair
     * reached twice, as a pooling window may, appears once): {@code result[i]} lists the target neurons of source i.
     */
    public static int[][] targetsOf(NetworkSpec net, ProjectionSpec pr) {
        int nIn = net.population(pr.source()).size();
        int nOut = net.population(pr.target()).size();
        Connectivity c = compile(net, pr);
        float[] acc = new float[nOut];
        TouchSet touched = new TouchSet(nOut);
        int[][] out = new int[nIn][];
        for (int i = 0; i < nIn; i++) {
            for (int cur = c.firstGroup(i); cur >= 0; ) {
                cur = c.deliverGroup(i, cur, acc, 0, touched);
            }
            touched.sort();
            out[i] = Arrays.copyOf(touched.rawList(), touched.size());
            for (int k = 0; k < touched.size(); k++) {
                acc[touched.get(k)] = 0;
            }
            touched.clear();
        }
        return out;
    }

    /** Compiles one projection of {@code net}. */
    public static Connectivity compile(NetworkSpec net, ProjectionSpec spec) {
        PopulationSpec src = net.population(spec.source());
        PopulationSpec tgt = net.population(spec.target());
        return spec.compile(src, tgt);
    }
}
