package io.snn4j.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * Trainer state beyond {@link TrainerState}, for checkpoints: MSBP's error memories and the state of an optimiser
 * other than Adam, as named arrays (sorted by name). Mutable holder; {@link Hm2BpTrainer#auxState()} fills a fresh
 * one with copies and {@link Hm2BpTrainer#restoreAux} copies out of one.
 *
 * @param doubles named double arrays
 * @param floats  named float arrays
 */
public record AuxState(Map<String, double[]> doubles, Map<String, float[]> floats) {
    public AuxState() {
        this(new TreeMap<>(), new TreeMap<>());
    }

    public boolean isEmpty() {
        return doubles.isEmpty() && floats.isEmpty();
    }

    /**
     * The double array {@code name}, which must have {@code length} entries.
     *
     * @throws IllegalArgumentException when it is absent or has another length
     */
    double[] doubles(String name, int length) {
        double[] a = doubles.get(name);
        if (a == null || a.length != length) {
            throw new IllegalArgumentException("training state '" + name + "': expected " + length + " values, "
                    + (a == null ? "absent" : "has " + a.length));
        }
        return a;
    }

    /** As {@link #doubles(String, int)} for a float array. */
    float[] floats(String name, int length) {
        float[] a = floats.get(name);
        if (a == null || a.length != length) {
            throw new IllegalArgumentException("training state '" + name + "': expected " + length + " values, "
                    + (a == null ? "absent" : "has " + a.length));
        }
        return a;
    }
}
