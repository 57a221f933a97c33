package io.snn4j.network;

import io.snn4j.neuron.FixedLifConstants;
import io.snn4j.neuron.LifConstants;

/**
 * A {@link NetworkSpec} lowered for the engines: every neuron gets a global index (populations are consecutive
 * ranges), every LIF population its float constants, every projection its compiled {@link Connectivity}. Immutable
 * except through {@link #overwriteDenseWeights} and {@link #overwriteConv2dWeights} (for trainers); one compiled
 * network may be shared by engines on several threads.
 */
public final class CompiledNetwork {
    private final NetworkSpec spec;
    private final int[] offsets;
    private final LifConstants[] constants;
    private final FixedLifConstants[] fixedConstants;
    private final boolean integer;
    private final Connectivity[] connectivity;
    private final int[][] projectionsBySource;
    private final int maxDelay;
    private final int[] sources;
    private final int[] targets;
    private final int[] synapses;

    private CompiledNetwork(NetworkSpec spec) {
        this.spec = spec;
        int pops = spec.populations().size();
        offsets = new int[pops + 1];
        constants = new LifConstants[pops];
        fixedConstants = new FixedLifConstants[pops];
        for (int p = 0; p < pops; p++) {
            PopulationSpec ps = spec.population(p);
            offsets[p + 1] = offsets[p] + ps.size();
            constants[p] = ps.isInput() ? null : LifConstants.of(ps.lif());
            fixedConstants[p] = ps.isInteger() ? FixedLifConstants.of(ps.lif(), ps.fixedPoint(), ps.size()) : null;
        }
        integer = spec.isInteger();
        int projs = spec.projections().size();
        connectivity = new Connectivity[projs];
        int[] perSource = new int[pops];
        int md = 1;
        for (int j = 0; j < projs; j++) {
            ProjectionSpec pr = spec.projection(j);
            connectivity[j] = Connectivity.compile(spec, pr);
            perSource[pr.source()]++;
            md = Math.max(md, connectivity[j].maxDelay());
        }
        maxDelay = md;
        sources = new int[projs];
        targets = new int[projs];
        synapses = new int[projs];
        for (int j = 0; j < projs; j++) {
            sources[j] = spec.projection(j).source();
            targets[j] = spec.projection(j).target();
            synapses[j] = spec.projection(j).synapse();
        }
        projectionsBySource = new int[pops][];
        for (int p = 0; p < pops; p++) {
            projectionsBySource[p] = new int[perSource[p]];
            perSource[p] = 0;
        }
        for (int j = 0; j < projs; j++) {
            int s = spec.projection(j).source();
            projectionsBySource[s][perSource[s]++] = j;
        }
    }

    public static CompiledNetwork compile(NetworkSpec spec) {
        return new CompiledNetwork(spec);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int populationCount() {
        return constants.length;
    }

    public int neuronCount() {
        return offsets[offsets.length - 1];
    }

    /** Global index of the first neuron of population {@code p}. */
    public int offset(int p) {
        return offsets[p];
    }

    public int size(int p) {
        return offsets[p + 1] - offsets[p];
    }

    /** Float constants of LIF population {@code p}, or null for an input population. */
    public LifConstants constants(int p) {
        return constants[p];
    }

    /** Integer constants of population {@code p} in integer mode, or null (input population, or float mode). */
    public FixedLifConstants fixedConstants(int p) {
        return fixedConstants[p];
    }

    /** Whether the network runs in integer mode ({@link NetworkSpec#isInteger}). */
    public boolean isInteger() {
        return integer;
    }

    public Connectivity connectivity(int projection) {
        return connectivity[projection];
    }

    public int projectionCount() {
        return connectivity.length;
    }

    public int source(int projection) {
        return sources[projection];
    }

    public int target(int projection) {
        return targets[projection];
    }

    public int synapse(int projection) {
        return synapses[projection];
    }

    /** Largest delay of any projection (at least 1). */
    public int maxDelay() {
        return maxDelay;
    }

    /** Population that neuron {@code global} belongs to. */
    public int populationOf(int global) {
        int lo = 0;
        int hi = constants.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= global) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Initial membrane potentials of population {@code p} (a new array): zeros, or uniform in the population's
     * [vInitLow, vInitHigh] drawn from {@code SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p + 1)))}, neuron by
     * neuron, rounded to float.
     */
    public float[] initialPotentials(int p) {
        PopulationSpec ps = spec.population(p);
        float[] v = new float[ps.size()];
        if (ps.vInitLow() == 0 && ps.vInitHigh() == 0) {
            return v;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(spec.seed() ^ (0x9E3779B97F4A7C15L * (p + 1)));
        double span = ps.vInitHigh() - ps.vInitLow();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (ps.vInitLow() + span * rng.nextDouble());
        }
        return v;
    }

    /** Whether population {@code p} starts away from rest. */
    public boolean hasInitialPotentials(int p) {
        PopulationSpec ps = spec.population(p);
        return ps.vInitLow() != 0 || ps.vInitHigh() != 0;
    }

    /**
     * Overwrites the weights of dense projection {@code projection} in place, for a trainer that changes weights
     * after every sample without recompiling. The compiled weights then no longer equal those of {@link #spec()}.
     * Not thread-safe: call only while no engine runs on this network; an engine started afterwards (on any thread,
     * given a happens-before edge such as a task submission) sees the new weights.
     *
     * @param weightsBySource read; source-major: the weight from source j to target i at {@code j * targetSize + i}
     * @throws IllegalArgumentException if the projection is not dense or the length differs
     */
    public void overwriteDenseWeights(int projection, float[] weightsBySource) {
        dense(projection).overwriteBySource(weightsBySource);
    }

    /**
     * As {@link #overwriteDenseWeights}, without the copy: dense projection {@code projection} reads its weights from
     * the caller's array itself from now on, so a trainer that updates its weights in place after every sample need
     * not copy 600,000 floats each time (the copy ran on one thread while the others waited). The caller changes the
     * array only while no engine runs on this network, with the same happens-before contract; changing it is then
     * what {@link #overwriteDenseWeights} with it would do (which, called afterwards, copies into that array).
     *
     * @param weightsBySource kept; source-major, as for {@link #overwriteDenseWeights}
     * @throws IllegalArgumentException if the projection is not dense or the length differs
     */
    public void shareDenseWeights(int projection, float[] weightsBySource) {
        dense(projection).share(weightsBySource);
    }

    private DenseConnectivity dense(int projection) {
        refuseInInteger();
        if (!(connectivity[projection] instanceof DenseConnectivity d)) {
            throw new IllegalArgumentException("projection " + projection + " ('" + spec.projection(projection).name()
                    + "') is not dense");
        }
        return d;
    }

    /**
     * Overwrites the kernel of conv2d projection {@code projection} in place; same contract as
     * {@link #overwriteDenseWeights}.
     *
     * @param kernelWeights read; (outChannels, inChannels, kernel, kernel) order as in {@link ProjectionSpec.Conv2d}
     */
    public void overwriteConv2dWeights(int projection, float[] kernelWeights) {
        refuseInInteger();
        if (!(connectivity[projection] instanceof Conv2dConnectivity c)) {
            throw new IllegalArgumentException("projection " + projection + " ('" + spec.projection(projection).name()
                    + "') is not conv2d");
        }
        c.overwrite(kernelWeights);
    }

    private void refuseInInteger() {
        if (integer) {
            throw new IllegalStateException("network '" + spec.name() + "' runs in integer mode: its integer weights "
                    + "are fixed (train the float network, then export it)");
        }
    }

    /** Heap bytes of all compiled connectivity. */
    public long connectivityBytes() {
        long b = 0;
        for (Connectivity c : connectivity) {
            b += c.bytes();
        }
        return b;
    }

    public long synapseCount() {
        long n = 0;
        for (Connectivity c : connectivity) {
            n += c.synapseCount();
        }
        return n;
    }

    /**
     * Projection indices leaving population {@code p}, in network order: an array owned by this object, not to be
     * modified.
     */
    public int[] projectionsFromArray(int p) {
        return projectionsBySource[p];
    }

    /** Number of synaptic events a spike of global neuron {@code g} causes. */
    public long outDegree(int g) {
        int p = populationOf(g);
        int local = g - offsets[p];
        long n = 0;
        for (int j : projectionsBySource[p]) {
            n += connectivity[j].outDegree(local);
        }
        return n;
    }
}
