package io.snn4j.data.transform;

import io.snn4j.data.EventStream;
import java.util.SplittableRandom;

/**
 * A function from one event stream to another. Random transforms draw only from the generator passed in, so the same
 * input and generator state give the same output; deterministic transforms draw nothing. Implementations are immutable
 * and thread-safe (the generator is not: give each thread its own).
 */
@FunctionalInterface
public interface Transform {
    /**
     * @param events the input stream (not modified)
     * @param rng    source of randomness for random transforms; advanced by them
     * @return the transformed stream (may be {@code events} itself when nothing changes)
     */
    EventStream apply(EventStream events, SplittableRandom rng);

    /** This transform, then {@code next}, sharing one generator. */
    default Transform andThen(Transform next) {
        return Transforms.compose(this, next);
    }
}
