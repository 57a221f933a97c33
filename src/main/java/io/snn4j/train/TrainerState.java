package io.snn4j.train;

/**
 * The full state of an {@link Hm2BpTrainer} as plain arrays, for checkpoints. Per trainable layer k (input to
 * output), weights and Adam moments are source-major: the entry of pre neuron j and post neuron i is at
 * {@code j * nOut + i}. The arrays are owned by the record's creator; {@link Hm2BpTrainer#state()} returns copies and
 * {@link Hm2BpTrainer#restore} copies in.
 *
 * @param epoch        epochs completed
 * @param seed         the run's seed (shuffles depend only on seed and epoch: the epoch is the RNG counter)
 * @param weights      per layer
 * @param adamM        per layer, first moments
 * @param adamV        per layer, second moments
 * @param adamSteps    per layer, Adam steps taken (bias correction power)
 * @param boostWeights per training sample index, or an empty array before the first epoch
 */
public record TrainerState(int epoch, long seed, float[][] weights, float[][] adamM, float[][] adamV,
                           long[] adamSteps, double[] boostWeights) {
}
