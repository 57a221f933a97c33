package io.snn4j.train;

import java.io.Serializable;

/**
 * One training sample's data gradient (before the regulariser and the Adam step) and forward-pass results, as a
 * {@link GradientWorker} computes it on another thread or machine and {@link Hm2BpTrainer} adds it to a minibatch
 * (see {@link BatchGradients}). Plain arrays, serializable, so a cluster can ship it; not copied on access (treat as
 * read-only).
 *
 * <p>Layer k's gradient is either sparse by rows or whole: for a dense layer {@code rows[k]} lists, in increasing
 * order, the pre neurons whose gradient rows hold this sample's values (those that fired, none when every delta of the
 * layer was 0) and {@code values[k]} holds those rows one after the other ({@code rows[k].length * nOut} floats, row j
 * being {@code grad[j * nOut .. (j + 1) * nOut)} in the trainer's source-major layout); every other row is exactly 0.
 * For a conv2d layer {@code rows[k]} is null and {@code values[k]} is the whole gradient; for pooling both are empty.
 *
 * @param cost             the sample's cost (hm2bp-spec 4.3)
 * @param decision         the output neuron with most spikes (ties to the lowest index)
 * @param silentOutput     whether no output neuron spiked
 * @param populationSpikes spikes of every population in the forward pass
 * @param rows             per layer: written rows (dense) or null (whole gradient)
 * @param values           per layer: the written rows' values, or the whole gradient
 */
public record SampleGradient(double cost, int decision, boolean silentOutput, long[] populationSpikes, int[][] rows,
                             float[][] values) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SampleGradient {
        if (populationSpikes == null || rows == null || values == null || rows.length != values.length) {
            throw new IllegalArgumentException("sample gradient: populationSpikes, rows and values must be given, "
                    + "rows and values with one entry per layer");
        }
    }

    /** Floats this gradient carries (the size that travels). */
    public long floatCount() {
        long n = 0;
        for (float[] v : values) {
            n += v.length;
        }
        return n;
    }
}
