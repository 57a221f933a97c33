package io.snn4j.train;

/**
 * An optimiser other than the trainer's built-in Adam: turns the gradients of the layers it {@link #handles} (data
 * gradient plus the regulariser's) into weight steps. Holds its state; not thread-safe.
 */
interface Optimizer {
    /** Whether it updates trainable layer k (the trainer's Adam updates the others). */
    boolean handles(int k);

    /**
     * One step on every handled layer: {@code weights[k]} (written) from {@code grads[k]} (read; may be used as
     * scratch) at learning rate {@code lr}.
     */
    void step(float[][] weights, float[][] grads, double lr);

    /** Whether {@link #curvature} wants the gradient on the same samples at the weights after {@link #step}. */
    default boolean wantsCurvature() {
        return false;
    }

    /** The gradient (data plus regulariser) of the last step's samples at the new weights. */
    default void curvature(float[][] weights, float[][] grads) {
    }

    /** Whether {@link #statistics} wants the slots' per-sample layer inputs and factors before each step. */
    default boolean wantsStatistics() {
        return false;
    }

    /** Per-sample statistics of the step's samples: slots 0 .. count-1. */
    default void statistics(Worker.SlotState[] slots, int count) {
    }

    /** Copies its state into {@code out} under names starting with its own prefix. */
    void save(AuxState out);

    /** Copies its state out of {@code in}, as {@link #save} wrote it. */
    void restore(AuxState in);
}
