package io.snn4j.data.dataset;

import io.snn4j.event.InputSpikes;
import java.util.function.Supplier;

/**
 * One labelled sample: its index in the data set it came from, its label and its input spikes, produced on first call
 * of {@link #spikes()} and then kept. Thread-safe.
 */
public final class Sample {
    private final int index;
    private final int label;
    private Supplier<InputSpikes> producer;
    private InputSpikes spikes;

    private Sample(int index, int label, Supplier<InputSpikes> producer, InputSpikes spikes) {
        this.index = index;
        this.label = label;
        this.producer = producer;
        this.spikes = spikes;
    }

    /** A sample whose spikes are produced by {@code producer} on first use. */
    public static Sample lazy(int index, int label, Supplier<InputSpikes> producer) {
        if (producer == null) {
            throw new IllegalArgumentException("sample " + index + ": producer must not be null");
        }
        return new Sample(index, label, producer, null);
    }

    /** A sample with spikes already produced. */
    public static Sample of(int index, int label, InputSpikes spikes) {
        if (spikes == null) {
            throw new IllegalArgumentException("sample " + index + ": spikes must not be null");
        }
        return new Sample(index, label, null, spikes);
    }

    public int index() {
        return index;
    }

    public int label() {
        return label;
    }

    /** The spikes, produced now if not yet. */
    public synchronized InputSpikes spikes() {
        if (spikes == null) {
            spikes = producer.get();
            producer = null;
        }
        return spikes;
    }

    /** Whether the spikes have been produced. */
    public synchronized boolean isLoaded() {
        return spikes != null;
    }

    @Override
    public String toString() {
        return "Sample[index=" + index + ", label=" + label + "]";
    }
}
