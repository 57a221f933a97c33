package io.snn4j.train;

/**
 * One sample through HM2-BP with fixed weights, as {@link Hm2BpInspector#trace} computes it: the forward spikes of
 * every population of the feed-forward chain, the macro level (output counts, targets, output deltas) and the micro
 * level (the S-PSP matrix of every dense layer, the deltas handed down, the error reaching the inputs). Immutable
 * (arrays are copied in and out).
 *
 * @param label          the sample's class
 * @param decision       the network's decision (most output spikes, ties lowest, silent: 0)
 * @param cost           the logged cost: sum of the squared dead-zone errors (hm2bp-spec 3)
 * @param populations    names of the chain's populations, input first, output last (L + 1 for L layers)
 * @param spikes         per population of the chain, per neuron: spike ticks of the forward pass, ascending
 * @param targets        target count of each output neuron
 * @param injected       whether the silent label neuron's train was replaced by the target spikes before the S-PSPs
 *                       (hm2bp-spec 4.5)
 * @param deltas         per layer k (0 = first trainable layer): delta of its post population, dE/da = dE/do / nu
 * @param inputError     dE/do_j of every input channel ({@code sum_i delta_i w_ij rho'_ij}, hm2bp-spec 4.4 with
 *                       nu = 1), when layer 0 is dense; else empty
 * @param spsp           per layer k: its S-PSPs e_{i|j}, pre-major ({@code j * nOut + i}), 0 for silent pre neurons,
 *                       when layer k is dense; else empty
 */
public record SampleTrace(int label, int decision, double cost, String[] populations, int[][][] spikes,
                          int[] targets, boolean injected, double[][] deltas, double[] inputError, float[][] spsp) {
    public SampleTrace {
        populations = populations.clone();
        spikes = copy(spikes);
        targets = targets.clone();
        deltas = copy(deltas);
        inputError = inputError.clone();
        spsp = copy(spsp);
    }

    /** Layers (populations - 1). */
    public int layerCount() {
        return populations.length - 1;
    }

    /** Spike count of every neuron of chain population {@code p}. */
    public int[] counts(int p) {
        int[] c = new int[spikes[p].length];
        for (int n = 0; n < c.length; n++) {
            c[n] = spikes[p][n].length;
        }
        return c;
    }

    @Override
    public String[] populations() {
        return populations.clone();
    }

    @Override
    public int[][][] spikes() {
        return copy(spikes);
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }

    @Override
    public double[][] deltas() {
        return copy(deltas);
    }

    @Override
    public double[] inputError() {
        return inputError.clone();
    }

    @Override
    public float[][] spsp() {
        return copy(spsp);
    }

    private static int[][][] copy(int[][][] a) {
        int[][][] c = new int[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new int[a[i].length][];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = a[i][j].clone();
            }
        }
        return c;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
