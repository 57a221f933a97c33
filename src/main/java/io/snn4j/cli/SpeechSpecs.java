package io.snn4j.cli;

import io.snn4j.data.audio.FrontEnd;
import io.snn4j.data.audio.LyonConfig;
import io.snn4j.data.audio.LyonEar;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.encode.BsaEncoder;
import io.snn4j.data.encode.CochleagramEncoder;
import io.snn4j.data.speech.Fsdd;
import io.snn4j.data.speech.Listing;
import io.snn4j.data.speech.SpeechDataset;
import io.snn4j.data.speech.Ti46;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The speech data specifications of {@code train} and {@code eval}:
 * <pre>
 *   fsdd:DIR[:holdout=SPEAKER][:OPTION...]          Free Spoken Digit Dataset; official split (indices 0-4 test),
 *                                                   or every recording of SPEAKER as the test set
 *   ti46:DIR[:vocab=alpha|20][:OPTION...]           TI46 in its disc layout: TI-ALPHA (default, 26 letters) or
 *                                                   TI-20; train/ and test/ sessions
 * OPTION: frontend=lyon|mel     auditory front-end (default lyon: the reference passive ear, 12.5 kHz, 78 channels)
 *         encoder=bsa|poisson|delta   cochleagram encoder (default bsa, as the reference)
 *         skip-unknown          skip files that do not follow the corpus naming (they are counted) instead of failing
 *         cache=off             recompute cochleagrams every epoch instead of keeping them in memory
 * </pre>
 */
final class SpeechSpecs {
    private static final Set<String> FSDD_KEYS = Set.of("holdout", "frontend", "encoder", "skip-unknown", "cache");
    private static final Set<String> TI46_KEYS = Set.of("vocab", "frontend", "encoder", "skip-unknown", "cache");

    private SpeechSpecs() {
    }

    /** Whether {@code spec} names a speech corpus. */
    static boolean handles(String spec) {
        return spec.startsWith("fsdd:") || spec.startsWith("ti46:");
    }

    /** A parsed spec: the folder and the options (flags map to ""). */
    record Parsed(String corpus, Path dir, Map<String, String> options) {
    }

    static Parsed parse(String spec) {
        int colon = spec.indexOf(':');
        String corpus = spec.substring(0, colon);
        Set<String> keys = corpus.equals("fsdd") ? FSDD_KEYS : TI46_KEYS;
        StringBuilder dir = new StringBuilder();
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : spec.substring(colon + 1).split(":", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (keys.contains(key) && (eq >= 0 || key.equals("skip-unknown"))) {
                if (options.put(key, eq < 0 ? "" : part.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException("data spec '" + spec + "': option " + key + " given twice");
                }
            } else if (eq >= 0 || !options.isEmpty()) {
                throw new IllegalArgumentException("data spec '" + spec + "': unknown option '" + part + "' (a "
                        + corpus + " spec takes " + String.join(", ", keys.stream().sorted().toList()) + ")");
            } else {
                dir.append(dir.length() == 0 ? "" : ":").append(part);
            }
        }
        if (dir.length() == 0) {
            throw new IllegalArgumentException("data spec '" + spec + "': the folder is missing (" + corpus
                    + ":DIR)");
        }
        return new Parsed(corpus, Home.resolve(Path.of(dir.toString())), options);
    }

    /** The training and test sets of a speech spec. */
    static DataSpecs.TrainTest open(String spec, int channels, int ticks, long seed) throws IOException {
        Parsed p = parse(spec);
        boolean skip = p.options().containsKey("skip-unknown");
        boolean cache = !"off".equals(p.options().getOrDefault("cache", "on"));
        if (!Set.of("on", "off").contains(p.options().getOrDefault("cache", "on"))) {
            throw new IllegalArgumentException("data spec '" + spec + "': cache must be on or off");
        }
        Pipeline pipe = pipeline(p.options(), spec);
        int have = pipe.encoder().channelCount(pipe.frontEnd().channels());
        if (have != channels) {
            throw new IllegalArgumentException(pipe.description() + " gives " + have + " input channels, the "
                    + "model's input population has " + channels);
        }
        Listing train;
        Listing test;
        String what;
        if (p.corpus().equals("fsdd")) {
            Listing all = Fsdd.list(p.dir(), skip);
            Fsdd.Split split = p.options().containsKey("holdout") ? Fsdd.holdOut(all, p.options().get("holdout"))
                    : Fsdd.official(all);
            train = split.train();
            test = split.test();
            what = "FSDD " + p.dir() + (p.options().containsKey("holdout") ? ", speaker "
                    + p.options().get("holdout") + " held out" : ", official split (indices 0-4 test)");
        } else {
            String v = p.options().getOrDefault("vocab", "alpha").toLowerCase(Locale.ROOT);
            Ti46.Vocabulary vocabulary = switch (v) {
                case "alpha" -> Ti46.Vocabulary.ALPHA;
                case "20" -> Ti46.Vocabulary.TI20;
                default -> throw new IllegalArgumentException("data spec '" + spec + "': vocab must be alpha or "
                        + "20, was " + v);
            };
            train = Ti46.list(p.dir(), vocabulary, Ti46.Split.TRAIN, skip);
            test = Ti46.list(p.dir(), vocabulary, Ti46.Split.TEST, skip);
            what = "TI46 " + vocabulary.folder() + " " + p.dir();
        }
        int skipped = train.skipped().size() + test.skipped().size();
        String description = what + ", " + train.size() + " / " + test.size() + " recordings, " + pipe.description()
                + ", " + ticks + " ticks" + (skipped > 0 ? "; skipped " + skipped + " files not following the "
                + "naming" : "");
        Dataset trainSet = SpeechDataset.of(train.utterances(), pipe.frontEnd(), pipe.encoder(), ticks, seed, cache);
        Dataset testSet = SpeechDataset.of(test.utterances(), pipe.frontEnd(), pipe.encoder(), ticks, seed + 1,
                cache);
        return new DataSpecs.TrainTest(trainSet, testSet, description);
    }

    /** A front-end and an encoder with a one-line description. */
    record Pipeline(FrontEnd frontEnd, CochleagramEncoder encoder, String description) {
    }

    static Pipeline pipeline(Map<String, String> options, String spec) {
        String fe = options.getOrDefault("frontend", "lyon");
        String enc = options.getOrDefault("encoder", "bsa");
        FrontEnd frontEnd = switch (fe) {
            case "lyon" -> new LyonEar(LyonConfig.reference());
            default -> throw new IllegalArgumentException("data spec '" + spec + "': frontend must be lyon, was "
                    + fe);
        };
        CochleagramEncoder encoder = switch (enc) {
            case "bsa" -> BsaEncoder.reference();
            default -> throw new IllegalArgumentException("data spec '" + spec + "': encoder must be bsa, was "
                    + enc);
        };
        return new Pipeline(frontEnd, encoder, fe + " front-end (" + frontEnd.channels() + " channels, "
                + String.format(Locale.ROOT, "%.1f", frontEnd.frameRateHz()) + " frames/s), " + enc + " encoder");
    }

    static List<String> corpora() {
        return List.of("fsdd:DIR[:holdout=SPEAKER]", "ti46:DIR[:vocab=alpha|20]");
    }
}
