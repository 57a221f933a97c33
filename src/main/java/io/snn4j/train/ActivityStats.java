package io.snn4j.train;

/**
 * Spike counts of every neuron summed over the samples trained in one interval of an epoch. Immutable (the array is
 * copied on access).
 *
 * @param epoch        epoch index (0 for the first)
 * @param samplesDone  samples of the epoch trained at the end of the interval
 * @param samples      samples in the interval, &gt;= 1
 * @param neuronSpikes per neuron of the network (global index: populations in network order), the spikes of the
 *                     forward passes of the interval's samples (before any target spike injection)
 */
public record ActivityStats(int epoch, int samplesDone, int samples, long[] neuronSpikes) {
    public ActivityStats {
        neuronSpikes = neuronSpikes.clone();
    }

    @Override
    public long[] neuronSpikes() {
        return neuronSpikes.clone();
    }
}
