package io.snn4j.train;

/**
 * The micro level of one layer kind with one worker's scratch: from the post neurons' deltas and both spike trains,
 * the weight gradient and the deltas of the pre population. Not thread-safe.
 */
interface LayerBackward {
    /**
     * @param pre      spike trains holding the pre population at {@code preOff}
     * @param post     spike trains holding the post population at {@code postOff}
     * @param w        read; the layer's weights (null for a layer without weights)
     * @param deltaOut read; delta of every post neuron
     * @param lateral  read; lateral factor per post neuron, or null for 1
     * @param nuOut    threshold of the post population
     * @param grad     written, or added to when {@code accumulate} (null for a layer without weights)
     * @param deltaIn  written when not null: delta of every pre neuron
     * @param nuIn     threshold of the pre population
     * @param effectRatio whether rho' uses the S-PSP ratios
     */
    void backward(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                  double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn, double nuIn,
                  boolean effectRatio);
}
