package io.snn4j.data.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the Free Spoken Digit Dataset (github.com/Jakobovski/free-spoken-digit-dataset) and splits it. Stateless and
 * thread-safe.
 *
 * <p>Layout: {@code DIR/recordings/{digit}_{speaker}_{index}.wav} (DIR may also be the {@code recordings} folder),
 * digit 0 .. 9 is the label, speaker a lower-case name, index 0 .. 49 the repetition. The dataset's official split
 * puts indices 0 .. 4 in the test set and the rest in the training set; a speaker-independent split holds out every
 * recording of one speaker.
 */
public final class Fsdd {
    static final String CONVENTION = "{digit}_{speaker}_{index}.wav (for example 7_jackson_32.wav)";
    private static final Pattern NAME = Pattern.compile("([0-9])_([A-Za-z0-9-]+)_([0-9]{1,4})\\.wav",
            Pattern.CASE_INSENSITIVE);
    /** Indices below this are the official test set. */
    public static final int OFFICIAL_TEST_INDICES = 5;

    /** Index, then speaker, then digit: every prefix of 10 k recordings holds k of each digit (per speaker). */
    static final Comparator<Utterance> ORDER = Comparator.comparingInt(Utterance::token)
            .thenComparing(Utterance::speaker).thenComparingInt(Utterance::label);

    private Fsdd() {
    }

    /** A training and a test listing. */
    public record Split(Listing train, Listing test) {
    }

    /** The recordings of {@code dir}; any other file is an error. */
    public static Listing list(Path dir) throws IOException {
        return list(dir, false);
    }

    /**
     * The recordings of {@code dir} (the FSDD root or its {@code recordings} folder), ordered by index, then speaker,
     * then digit (so that a prefix, as {@code --limit} takes, covers every digit).
     *
     * @param skipUnknown skip (and report in {@link Listing#skipped()}) files whose names do not follow the
     *                    convention, instead of failing
     * @throws CorpusLayoutException when the folder is missing, a file does not follow the convention (unless
     *                               skipped) or no recording is found
     */
    public static Listing list(Path dir, boolean skipUnknown) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new CorpusLayoutException("fsdd: folder " + dir + " does not exist");
        }
        Path recordings = Files.isDirectory(dir.resolve("recordings")) ? dir.resolve("recordings") : dir;
        Listing.Builder listing = new Listing.Builder(recordings, "fsdd", CONVENTION);
        for (Path file : Ti46.sorted(recordings)) {
            String name = file.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (Files.isDirectory(file)) {
                listing.reject(file, "a folder among the recordings");
            } else if (!m.matches()) {
                listing.reject(file, "name does not match {digit}_{speaker}_{index}.wav");
            } else {
                int digit = m.group(1).charAt(0) - '0';
                listing.add(new Utterance(file, digit, m.group(1), m.group(2), "", Integer.parseInt(m.group(3))));
            }
        }
        return listing.build(skipUnknown, ORDER);
    }

    /** The official split: indices 0 .. 4 test, the others training. */
    public static Split official(Listing all) {
        List<Utterance> train = new ArrayList<>();
        List<Utterance> test = new ArrayList<>();
        for (Utterance u : all.utterances()) {
            (u.token() < OFFICIAL_TEST_INDICES ? test : train).add(u);
        }
        return new Split(new Listing(train, all.skipped()), new Listing(test, List.of()));
    }

    /**
     * Leave one speaker out: every recording of {@code speaker} is the test set, the others the training set.
     *
     * @throws IllegalArgumentException if no recording is by {@code speaker} (the message lists the speakers)
     */
    public static Split holdOut(Listing all, String speaker) {
        List<Utterance> train = new ArrayList<>();
        List<Utterance> test = new ArrayList<>();
        for (Utterance u : all.utterances()) {
            (u.speaker().equalsIgnoreCase(speaker) ? test : train).add(u);
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException("fsdd: no recordings by speaker '" + speaker + "'; the speakers are "
                    + String.join(", ", all.speakers()));
        }
        return new Split(new Listing(train, all.skipped()), new Listing(test, List.of()));
    }
}
