package io.snn4j.train;

/** How samples become weight updates. */
public enum Mode {
    /** As the reference: batch 1, one Adam step per sample (hm2bp-spec 5.1). */
    FAITHFUL,
    /** B samples' gradients computed in parallel on the current weights, averaged in a fixed order, one Adam step. */
    MINIBATCH
}
