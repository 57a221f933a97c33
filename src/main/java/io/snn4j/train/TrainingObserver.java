package io.snn4j.train;

/**
 * Watches a training run from inside {@link Hm2BpTrainer#trainEpoch}: the size of chosen Adam updates and the spike
 * activity of every neuron. Called on the thread that called {@code trainEpoch}. The trainer measures an update only
 * when {@link #observes} says so, so an observer that samples a few updates per epoch costs little.
 * The default methods observe nothing.
 */
public interface TrainingObserver {
    TrainingObserver NONE = new TrainingObserver() {
    };

    /**
     * Whether to measure update {@code update} of epoch {@code epoch} (0-based; an epoch has {@code updates} Adam
     * steps: one per sample in faithful mode, one per batch in minibatch mode).
     */
    default boolean observes(int epoch, int update, int updates) {
        return false;
    }

    /** The measured update, right after it was applied. */
    default void updated(UpdateStats stats) {
    }

    /** Samples between two {@link #activity} calls (the last sample of an epoch always closes one); 0 for none. */
    default int activityInterval() {
        return 0;
    }

    /** Spike counts of the samples trained since the last call. */
    default void activity(ActivityStats stats) {
    }
}
