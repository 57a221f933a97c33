package io.snn4j.train;

/**
 * What one training epoch did. Immutable (the array is copied on access).
 *
 * @param epoch            epoch index (0 for the first)
 * @param samples          samples trained
 * @param meanCost         mean logged cost per sample (hm2bp-spec 3)
 * @param accuracy         training accuracy of the forward passes (silent outputs count as class 0)
 * @param noOutputSpikes   samples whose output layer did not spike
 * @param seconds          wall time
 * @param learningRate     learning rate used
 * @param meanSpikesPerNeuron mean spikes per neuron per sample of each population, in network order
 */
public record EpochStats(int epoch, int samples, double meanCost, double accuracy, int noOutputSpikes,
                         double seconds, double learningRate, double[] meanSpikesPerNeuron) {
    public EpochStats {
        meanSpikesPerNeuron = meanSpikesPerNeuron.clone();
    }

    /** Samples per second. */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }

    /** Mean spikes per neuron per sample of each population (in network order; the input population too). */
    @Override
    public double[] meanSpikesPerNeuron() {
        return meanSpikesPerNeuron.clone();
    }
}
