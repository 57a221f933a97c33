package io.snn4j.train;

/**
 * Computes the per-sample gradients of a minibatch outside the trainer's own threads, for instance on the executors of
 * a cluster ({@link Hm2BpTrainer#computeBatchesWith}). The trainer keeps the shuffle, the boosting weights, the sum of
 * the gradients in sample order, the regulariser and the Adam step, so a model trained this way has the same bytes as
 * one trained on the trainer's threads, provided each gradient is what a {@link GradientWorker} computes.
 *
 * <p>Implementations are called from the thread that drives the trainer, one batch at a time.
 */
public interface BatchGradients {
    /**
     * The gradients of the training samples {@code indices} (indices into the data set given to
     * {@link Hm2BpTrainer#trainEpoch}), in that order, each with the weights {@code weights} and its boosting weight.
     *
     * @param step    a number that grows by one per call over the trainer's life (a new batch, new weights)
     * @param indices sample indices of the batch, in slot order (read)
     * @param boost   boosting weight of each sample of the batch (read; length {@code indices.length})
     * @param weights every trainable layer's current weights in the trainer's layout ({@link Hm2BpTrainer#weights});
     *                read, and valid only during the call
     * @return one gradient per index, in the order of {@code indices}
     */
    SampleGradient[] compute(long step, int[] indices, double[] boost, float[][] weights);
}
