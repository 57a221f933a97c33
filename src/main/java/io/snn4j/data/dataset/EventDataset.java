package io.snn4j.data.dataset;

import io.snn4j.data.EventStream;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.data.encode.EventEncoder;
import io.snn4j.data.encode.Seeds;
import io.snn4j.data.transform.Transform;
import io.snn4j.event.InputSpikes;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A data set of event recordings: sample {@code i} is
 * <pre>
 *   binning.bin(transform.apply(source.apply(i), new SplittableRandom(Seeds.mix(seed, i))))
 * </pre>
 * The source is any {@code IntFunction<EventStream>} (a file reader, an emulator, a test generator); it must be
 * thread-safe when the data set is prefetched in parallel, and must return equal streams for equal indices. Use
 * {@link #forEpoch(long)} to draw fresh random augmentations per epoch while staying reproducible.
 *
 * <p>Immutable and thread-safe given a thread-safe source.
 */
public final class EventDataset implements Dataset {
    private final IntFunction<EventStream> source;
    private final int[] labels;
    private final Transform transform;
    private final EventEncoder binning;
    private final long seed;
    private final IntFunction<String> files;

    private EventDataset(IntFunction<EventStream> source, int[] labels, Transform transform, EventEncoder binning,
                         long seed, IntFunction<String> files) {
        this.files = files;
        this.source = source;
        this.labels = labels;
        this.transform = transform;
        this.binning = binning;
        this.seed = seed;
    }

    /**
     * @param source    stream of sample i, for i in [0, labels.length)
     * @param labels    read; label of each sample, &gt;= 0; its length is the data set size
     * @param transform applied to each stream before binning (use {@code Transforms.identity()} for none)
     * @param binning   tick binning and channel layout
     * @param seed      seed of the per-sample transform generators
     */
    public static EventDataset of(IntFunction<EventStream> source, int[] labels, Transform transform,
                                  EventBinning binning, long seed) {
        return of(source, labels, transform, (EventEncoder) binning, seed);
    }

    /**
     * As {@link #of(IntFunction, int[], Transform, EventBinning, long)} with any encoder, e.g. a model's input
     * pipeline ({@link io.snn4j.data.encode.PipelineEncoder}).
     */
    public static EventDataset of(IntFunction<EventStream> source, int[] labels, Transform transform,
                                  EventEncoder binning, long seed) {
        if (source == null || transform == null || binning == null) {
            throw new IllegalArgumentException("event data set: source, transform and binning must not be null");
        }
        return new EventDataset(source, Labels.check(labels), transform, binning, seed, null);
    }

    /** The same data set, naming the file each sample was read from ({@link #source(int)}). */
    public EventDataset withFiles(IntFunction<String> fileOfSample) {
        return new EventDataset(source, labels, transform, binning, seed, fileOfSample);
    }

    @Override
    public String source(int index) {
        Dataset.checkIndex(index, labels.length);
        return files == null ? "" : files.apply(index);
    }

    /** The same data set with seed {@code Seeds.mix(seed, epoch)}: other augmentations, same labels. */
    public EventDataset forEpoch(long epoch) {
        return new EventDataset(source, labels, transform, binning, Seeds.mix(seed, epoch), files);
    }

    public long seed() {
        return seed;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        Dataset.checkIndex(index, labels.length);
        return labels[index];
    }

    @Override
    public InputSpikes load(int index) {
        Dataset.checkIndex(index, labels.length);
        EventStream events = source.apply(index);
        if (events == null) {
            throw new IllegalStateException("event data set: source returned null for sample " + index);
        }
        return binning.encode(transform.apply(events, new SplittableRandom(Seeds.mix(seed, index))));
    }

    @Override
    public int channelCount() {
        return binning.channelCount();
    }

    @Override
    public int tickCount() {
        return binning.tickCount();
    }
}
