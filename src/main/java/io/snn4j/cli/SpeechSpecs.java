package io.snn4j.cli;

import io.snn4j.data.audio.FrontEnd;
import io.snn4j.data.audio.GammatoneConfig;
import io.snn4j.data.audio.GammatoneFilterbank;
import io.snn4j.data.audio.LyonConfig;
import io.snn4j.data.audio.LyonEar;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.encode.BsaEncoder;
import io.snn4j.model.proto.AudioPipelineProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.pipeline.InputPipelines;
import io.snn4j.data.encode.CochleagramEncoder;
import io.snn4j.data.encode.DeltaEncoder;
import io.snn4j.data.encode.PoissonEncoder;
import io.snn4j.data.encode.SegmentedEncoder;
import io.snn4j.data.speech.Fsdd;
import io.snn4j.data.speech.Listing;
import io.snn4j.data.speech.SpeechDataset;
import io.snn4j.data.speech.Ti46;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * OPTION: frontend=lyon|gammatone   auditory front-end (default lyon: the reference passive ear, 12.5 kHz, 78
 *                               channels; gammatone: 78 ERB-spaced channels, 100 Hz - 6 kHz, same frame rate)
 *         encoder=bsa|poisson|delta   cochleagram encoder (default bsa, as the reference), 10 ticks per frame
 *         scale=X               BSA scale (default 2000, the reference)
 *         max=X                 poisson: the value that spikes with probability 0.5 per tick (required)
 *         step=X                delta: the rise that makes a spike (required)
 *         segments=K            route the encoder's spikes to K copies of the channels, one per equal part of the
 *                               utterance (K times the input channels; default 1)
 *         skip-unknown          skip files that do not follow the corpus naming (they are counted) instead of failing
 *         cache=off             recompute cochleagrams every epoch instead of keeping them in memory
 * </pre>
 */
final class SpeechSpecs {
    private static final Set<String> FSDD_KEYS = Set.of("holdout", "frontend", "encoder", "scale", "max", "step",
            "skip-unknown", "cache", "segments");
    private static final Set<String> TI46_KEYS = Set.of("vocab", "frontend", "encoder", "scale", "max", "step",
            "skip-unknown", "cache", "segments");

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
    static DataSpecs.TrainTest open(String spec, int channels, int ticks, long seed, InputPipelineProto model)
            throws IOException {
        Parsed p = withModelSettings(parse(spec), model, spec);
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
        return new DataSpecs.TrainTest(trainSet, testSet, description, pipe.proto());
    }

    /**
     * The speaker of every sample of a speech spec's training part followed by its test part (the samples of
     * {@code sets.all()}), as group numbers in order of first appearance, and the speakers' names in that order.
     *
     * @throws IllegalArgumentException when {@code sets} is not speech data (fsdd:, ti46:)
     */
    static Speakers speakers(DataSpecs.TrainTest sets) {
        if (!(sets.train() instanceof SpeechDataset train) || !(sets.test() instanceof SpeechDataset test)) {
            throw new IllegalArgumentException("speakers are known for speech data only (fsdd:DIR, ti46:DIR), not "
                    + "for " + sets.description());
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        int[] groups = new int[train.size() + test.size()];
        for (int i = 0; i < groups.length; i++) {
            String speaker = i < train.size() ? train.utterance(i).speaker()
                    : test.utterance(i - train.size()).speaker();
            int g = names.indexOf(speaker);
            if (g < 0) {
                g = names.size();
                names.add(speaker);
            }
            groups[i] = g;
        }
        return new Speakers(java.util.List.copyOf(names), groups);
    }

    /** Speaker names and, per sample, the index of its speaker's name. */
    record Speakers(java.util.List<String> names, int[] groups) {
    }

    /**
     * The spec's options completed with the front-end and encoder settings a trained model recorded; a setting the
     * spec gives as well must agree with the model's.
     */
    static Parsed withModelSettings(Parsed p, InputPipelineProto model, String spec) {
        if (model == null || model.getSourceCase() == InputPipelineProto.SourceCase.SOURCE_NOT_SET) {
            return p;
        }
        if (model.getSourceCase() != InputPipelineProto.SourceCase.AUDIO) {
            throw new IllegalArgumentException("data spec '" + spec + "' holds speech, the model was trained on "
                    + InputPipelines.describe(model));
        }
        AudioPipelineProto a = model.getAudio();
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("frontend", a.getFrontEnd());
        recorded.put("encoder", a.getEncoder());
        recorded.put("segments", String.valueOf(Math.max(1, a.getTimeSegments())));
        switch (a.getEncoder()) {
            case "bsa" -> recorded.put("scale", String.valueOf(a.getEncoderScale()));
            case "poisson" -> recorded.put("max", String.valueOf(a.getEncoderMax()));
            case "delta" -> recorded.put("step", String.valueOf(a.getEncoderStep()));
            default -> throw new IllegalArgumentException("the model's audio encoder '" + a.getEncoder()
                    + "' is not known (" + ENCODERS + ")");
        }
        Map<String, String> options = new LinkedHashMap<>(p.options());
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String given = options.get(e.getKey());
            boolean same = given == null || given.equals(e.getValue()) || (isNumber(given) && isNumber(e.getValue())
                    && Double.parseDouble(given) == Double.parseDouble(e.getValue()));
            if (!same) {
                throw new IllegalArgumentException("data spec '" + spec + "': " + e.getKey() + "=" + given
                        + " differs from the model's input pipeline (" + e.getKey() + "=" + e.getValue() + ")");
            }
            options.put(e.getKey(), e.getValue());
        }
        return new Parsed(p.corpus(), p.dir(), options);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The front-ends and encoders a spec may name. */
    static final String FRONT_ENDS = "lyon or gammatone";
    static final String ENCODERS = "bsa, poisson or delta";

    /** A front-end and an encoder, the encoder's ticks per cochleagram frame, and a one-line description. */
    record Pipeline(FrontEnd frontEnd, CochleagramEncoder encoder, int ticksPerFrame, String description,
                    AudioPipelineProto settings) {
        /** The settings as a model's input pipeline (the tick length is filled in by the trainer). */
        InputPipelineProto proto() {
            return InputPipelines.audio(settings, 0);
        }
    }

    /**
     * The front-end and encoder named by {@code frontend} (lyon: the reference Lyon passive ear; gammatone: the
     * 78-channel ERB gammatone bank at the same frame rate) and {@code encoder} (bsa: reference BSA, its scale
     * settable with {@code scale}; poisson: spike probability per tick {@code min(1, value / max) * 0.5}, {@code max}
     * required; delta: a spike per {@code step} of rise, {@code step} required), all at 10 ticks per frame.
     */
    static Pipeline pipeline(Map<String, String> options, String spec) {
        String fe = options.getOrDefault("frontend", "lyon");
        String enc = options.getOrDefault("encoder", "bsa");
        FrontEnd frontEnd = switch (fe) {
            case "lyon" -> new LyonEar(LyonConfig.reference());
            case "gammatone" -> new GammatoneFilterbank(GammatoneConfig.reference());
            default -> throw new IllegalArgumentException("data spec '" + spec + "': frontend must be " + FRONT_ENDS
                    + ", was " + fe);
        };
        for (String key : new String[] {"scale", "max", "step"}) {
            String owner = key.equals("scale") ? "bsa" : key.equals("max") ? "poisson" : "delta";
            if (options.containsKey(key) && !enc.equals(owner)) {
                throw new IllegalArgumentException("data spec '" + spec + "': option " + key + " belongs to "
                        + "encoder=" + owner + ", the encoder is " + enc);
            }
        }
        int ticksPerFrame = 10;
        CochleagramEncoder encoder;
        String settings;
        AudioPipelineProto.Builder proto = AudioPipelineProto.newBuilder().setFrontEnd(fe).setEncoder(enc)
                .setSampleRateHz(frontEnd.sampleRate()).setTicksPerFrame(ticksPerFrame);
        switch (enc) {
            case "bsa" -> {
                double scale = number(options, "scale", 2000, spec);
                encoder = new BsaEncoder(scale, 0.6, ticksPerFrame);
                proto.setEncoderScale(scale);
                settings = "scale " + scale;
            }
            case "poisson" -> {
                double max = required(options, "max", "the cochleagram value that spikes with probability 0.5 "
                        + "per tick", spec);
                encoder = new PoissonEncoder(ticksPerFrame, max, 0.5);
                proto.setEncoderMax(max);
                settings = "max " + max;
            }
            case "delta" -> {
                double step = required(options, "step", "the rise of a cochleagram value that makes a spike", spec);
                encoder = new DeltaEncoder(ticksPerFrame, step, false);
                proto.setEncoderStep(step);
                settings = "step " + step;
            }
            default -> throw new IllegalArgumentException("data spec '" + spec + "': encoder must be " + ENCODERS
                    + ", was " + enc);
        }
        int segments = segments(options, spec);
        if (segments > 1) {
            encoder = new SegmentedEncoder(encoder, segments, ticksPerFrame);
            proto.setTimeSegments(segments);
        }
        return new Pipeline(frontEnd, encoder, ticksPerFrame, fe + " front-end (" + frontEnd.channels()
                + " channels, " + String.format(Locale.ROOT, "%.1f", frontEnd.frameRateHz()) + " frames/s), " + enc
                + " encoder (" + settings + ")" + (segments > 1 ? ", " + segments + " time segments" : ""),
                proto.build());
    }

    private static int segments(Map<String, String> options, String spec) {
        String v = options.getOrDefault("segments", "1");
        int k;
        try {
            k = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            k = -1;
        }
        if (k < 1 || k > SegmentedEncoder.MAX_SEGMENTS) {
            throw new IllegalArgumentException("data spec '" + spec + "': segments must be a whole number in 1.."
                    + SegmentedEncoder.MAX_SEGMENTS + ", was " + v);
        }
        return k;
    }

    private static double number(Map<String, String> options, String key, double absent, String spec) {
        String v = options.get(key);
        if (v == null) {
            return absent;
        }
        try {
            double x = Double.parseDouble(v);
            if (x > 0 && !Double.isInfinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("data spec '" + spec + "': " + key + " must be a number > 0, was '" + v
                + "'");
    }

    private static double required(Map<String, String> options, String key, String meaning, String spec) {
        if (!options.containsKey(key)) {
            throw new IllegalArgumentException("data spec '" + spec + "': this encoder needs " + key + "=VALUE, "
                    + meaning + " (Lyon reference values are about 1e-4)");
        }
        return number(options, key, 0, spec);
    }
}
