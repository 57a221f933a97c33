package io.snn4j.train;

/** Receives progress during an epoch, on the thread that called {@link Hm2BpTrainer#trainEpoch}. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (epoch, done, total, meanCost, accuracy) -> { };

    /**
     * @param epoch    epoch index (0 for the first)
     * @param done     samples trained so far in this epoch
     * @param total    samples of the epoch
     * @param meanCost mean logged cost so far
     * @param accuracy training accuracy so far (forward-pass predictions)
     */
    void progress(int epoch, int done, int total, double meanCost, double accuracy);
}
