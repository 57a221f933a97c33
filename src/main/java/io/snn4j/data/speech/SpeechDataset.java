package io.snn4j.data.speech;

import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.Cochleagram;
import io.snn4j.data.audio.FrontEnd;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.encode.CochleagramEncoder;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Recordings as a data set: sample {@code i} is
 * <pre>
 *   encoder.encode(frontEnd.apply(SpeechAudio.read(file i)), ticks, seed, i)
 * </pre>
 * The front-end resamples to its own rate. Cochleagrams may be kept in memory after their first computation
 * ({@code cacheCochleagrams}), so every epoch after the first only encodes: about {@code channels x frames x 4}
 * bytes per recording (FSDD at 78 channels and 62.5 frames/s: about 9 KB each, 22 MB for all 2,500).
 *
 * <p>Spikes depend on (seed, index) only, never on the thread or order of loading: the front-end is deterministic and
 * the encoder derives its randomness from (seed, index). Immutable apart from the cache, and thread-safe (two
 * threads may compute the same cochleagram at once; both results are equal and either is kept).
 *
 * <p>A recording that cannot be read, or has no samples, fails its {@link #load(int)} with an
 * {@link UncheckedIOException} whose message names the sample index and the file.
 */
public final class SpeechDataset implements Dataset {
    private final Utterance[] utterances;
    private final int[] labels;
    private final FrontEnd frontEnd;
    private final CochleagramEncoder encoder;
    private final int ticks;
    private final long seed;
    private final int channelCount;
    private final AtomicReferenceArray<Cochleagram> cache;

    private SpeechDataset(Utterance[] utterances, FrontEnd frontEnd, CochleagramEncoder encoder, int ticks, long seed,
                          boolean cacheCochleagrams) {
        this.utterances = utterances;
        this.labels = new int[utterances.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = utterances[i].label();
        }
        this.frontEnd = frontEnd;
        this.encoder = encoder;
        this.ticks = ticks;
        this.seed = seed;
        this.channelCount = encoder.channelCount(frontEnd.channels());
        this.cache = cacheCochleagrams ? new AtomicReferenceArray<>(utterances.length) : null;
    }

    /**
     * @param utterances        the recordings, in sample order
     * @param frontEnd          turns audio into a cochleagram
     * @param encoder           turns a cochleagram into spikes
     * @param ticks             length of every sample's spike trains, &gt;= 1 (longer recordings are cut)
     * @param seed              data set seed handed to the encoder with each sample index
     * @param cacheCochleagrams keep each cochleagram in memory after its first computation
     */
    public static SpeechDataset of(List<Utterance> utterances, FrontEnd frontEnd, CochleagramEncoder encoder,
                                   int ticks, long seed, boolean cacheCochleagrams) {
        if (utterances == null || frontEnd == null || encoder == null) {
            throw new IllegalArgumentException("speech data set: utterances, frontEnd and encoder must not be null");
        }
        if (ticks < 1) {
            throw new IllegalArgumentException("speech data set: ticks must be >= 1, was " + ticks);
        }
        return new SpeechDataset(utterances.toArray(new Utterance[0]), frontEnd, encoder, ticks, seed,
                cacheCochleagrams);
    }

    /** The recording of sample {@code index}. */
    public Utterance utterance(int index) {
        Dataset.checkIndex(index, utterances.length);
        return utterances[index];
    }

    public FrontEnd frontEnd() {
        return frontEnd;
    }

    public CochleagramEncoder encoder() {
        return encoder;
    }

    public long seed() {
        return seed;
    }

    /**
     * The cochleagram of sample {@code index}, from the cache or computed now.
     *
     * @throws UncheckedIOException naming the index and file when the recording cannot be read or has no samples
     */
    public Cochleagram cochleagram(int index) {
        Dataset.checkIndex(index, utterances.length);
        if (cache != null) {
            Cochleagram c = cache.get(index);
            if (c != null) {
                return c;
            }
        }
        Utterance u = utterances[index];
        Audio audio;
        try {
            audio = SpeechAudio.read(u.file());
        } catch (IOException e) {
            throw new UncheckedIOException("speech data set, sample " + index + " (" + u.file() + "): "
                    + e.getMessage(), e);
        }
        if (audio.sampleCount() == 0) {
            String message = "speech data set, sample " + index + " (" + u.file()
                    + "): zero-length audio, the recording has no samples";
            throw new UncheckedIOException(message, new IOException(message));
        }
        Cochleagram c = frontEnd.apply(audio);
        if (c.channels() != frontEnd.channels()) {
            throw new IllegalStateException("speech data set: the front-end declares " + frontEnd.channels()
                    + " channels but produced " + c.channels() + " for " + u.file());
        }
        if (cache != null) {
            cache.compareAndSet(index, null, c);
        }
        return c;
    }

    @Override
    public int size() {
        return utterances.length;
    }

    @Override
    public int label(int index) {
        Dataset.checkIndex(index, labels.length);
        return labels[index];
    }

    @Override
    public InputSpikes load(int index) {
        return encoder.encode(cochleagram(index), ticks, seed, index);
    }

    @Override
    public int channelCount() {
        return channelCount;
    }

    @Override
    public int tickCount() {
        return ticks;
    }
}
