package io.snn4j.cli;

import io.snn4j.data.EventStream;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.EventDataset;
import io.snn4j.data.dataset.ImageDataset;
import io.snn4j.data.emulate.BuiltinDigits;
import io.snn4j.data.emulate.DvsEmulator;
import io.snn4j.data.emulate.DvsEmulatorConfig;
import io.snn4j.data.encode.EventEncoder;
import io.snn4j.data.encode.PipelineEncoder;
import io.snn4j.data.encode.RateEncoder;
import io.snn4j.data.encode.Seeds;
import io.snn4j.data.mnist.IdxImages;
import io.snn4j.data.mnist.IdxReader;
import io.snn4j.data.nmnist.NmnistLayout;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.nmnist.NmnistSample;
import io.snn4j.data.transform.Transforms;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.pipeline.EventPipeline;
import io.snn4j.pipeline.InputPipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data specifications the {@code train} and {@code eval} commands accept, each naming a loader and a path:
 * <ul>
 *   <li>{@code builtin} (or {@code builtin:N}): N (default 3000) digits snn4j draws itself, rate-coded, with 1000
 *       other drawn digits as the test set;</li>
 *   <li>{@code mnist:DIR}: the MNIST IDX files (gzip or raw), rate-coded as the reference (p = pixel / (5.5 * 255)
 *       per tick, seeded per sample);</li>
 *   <li>{@code nmnist:DIR}: N-MNIST recordings, either the full layout ({@code Train/<digit>/*.bin},
 *       {@code Test/<digit>/*.bin}) or a list file ({@code train1K.txt}, {@code train.txt}: split 90/10 per class),
 *       saccade-stabilised and binned as the reference (600 us ticks, 2312 channels);</li>
 *   <li>{@code emulated:mnist:DIR[:exclude=A-B]}: MNIST images turned into N-MNIST-like recordings by the DVS
 *       emulator on the fly, then the same preprocessing as N-MNIST; {@code exclude} leaves training images A..B
 *       out (e.g. 0-999, the digits the real N-MNIST recordings of {@code nmnist-small} show);</li>
 *   <li>{@code fsdd:DIR[:holdout=SPEAKER]} and {@code ti46:DIR[:vocab=alpha|20]}: spoken digits and letters through
 *       an auditory front-end and a cochleagram encoder, see {@link SpeechSpecs}.</li>
 * </ul>
 */
final class DataSpecs {
    /**
     * A training and a test set, and the input pipeline their samples went through (written into trained models;
     * null only where none can be described).
     */
    record TrainTest(Dataset train, Dataset test, String description, InputPipelineProto pipeline, Dataset every) {
        TrainTest(Dataset train, Dataset test, String description, InputPipelineProto pipeline) {
            this(train, test, description, pipeline, null);
        }

        /** The same sets; {@link #all()} gives {@code every} (a list's samples in list order). */
        TrainTest withAll(Dataset everySample) {
            return new TrainTest(train, test, description, pipeline, everySample);
        }

        /** Both sets replaced by every sample of the spec (in list order where it has one). */
        TrainTest all() {
            Dataset joined = every != null ? every : Datasets.concat(train, test);
            return new TrainTest(joined, joined, description + "; every sample (split=all)", pipeline, joined);
        }
    }

    private DataSpecs() {
    }

    static TrainTest open(String spec, int channels, int ticks, long seed) throws IOException {
        return open(spec, channels, ticks, seed, null);
    }

    /**
     * The data of {@code spec} fed through {@code modelPipeline}, the input pipeline a trained model recorded (null:
     * the loader's own, as training uses it). A spec may end in {@code :split=all} to make every sample the test
     * set.
     *
     * @throws IllegalArgumentException when the spec is malformed or the model's pipeline does not fit its data
     */
    static TrainTest open(String spec, int channels, int ticks, long seed, InputPipelineProto modelPipeline)
            throws IOException {
        if (spec.endsWith(":split=all")) {
            return open(spec.substring(0, spec.length() - ":split=all".length()), channels, ticks, seed,
                    modelPipeline).all();
        }
        if (SpeechSpecs.handles(spec)) {
            return SpeechSpecs.open(spec, channels, ticks, seed, modelPipeline);
        }
        double maxProbability = imageMaxProbability(modelPipeline, spec);
        if (spec.equals("builtin") || spec.startsWith("builtin:")) {
            int n = spec.equals("builtin") ? 3000 : parseCount(spec.substring(8), spec);
            return new TrainTest(builtin(n, seed, ticks, channels, maxProbability),
                    builtin(1000, seed ^ 0x5DEECE66DL, ticks, channels, maxProbability),
                    "built-in digits, " + n + " training and 1000 test samples, rate-coded over " + ticks + " ticks",
                    InputPipelines.image(BuiltinDigits.SIZE, BuiltinDigits.SIZE, maxProbability, 0));
        }
        if (spec.startsWith("mnist:")) {
            Path dir = Home.resolve(Path.of(spec.substring(6)));
            return new TrainTest(mnist(dir, "train", seed, ticks, channels, maxProbability),
                    mnist(dir, "t10k", seed + 1, ticks, channels, maxProbability),
                    "MNIST from " + dir + ", rate-coded over " + ticks + " ticks",
                    InputPipelines.image(28, 28, maxProbability, 0));
        }
        if (spec.startsWith("nmnist:")) {
            return nmnist(Home.resolve(Path.of(spec.substring(7))), channels, ticks, seed,
                    eventPipeline(modelPipeline, spec));
        }
        if (spec.startsWith("emulated:mnist:")) {
            String rest = spec.substring(15);
            int option = rest.lastIndexOf(":exclude=");
            Path dir = Home.resolve(Path.of(option < 0 ? rest : rest.substring(0, option)));
            InputPipelineProto pipeline = eventPipeline(modelPipeline, spec);
            Dataset train = emulated(dir, "train", seed, channels, ticks, pipeline);
            String left = "";
            if (option >= 0) {
                int[] range = parseRange(rest.substring(option + 9), spec, train.size());
                train = without(train, range[0], range[1]);
                left = "; training images " + range[0] + ".." + range[1] + " left out";
            }
            return new TrainTest(train, emulated(dir, "t10k", seed + 1, channels, ticks, pipeline),
                    "MNIST from " + dir + " through the DVS emulator" + left + ", " + InputPipelines.describe(pipeline),
                    pipeline);
        }
        throw new IllegalArgumentException("data spec '" + spec + "' names no loader: use builtin[:N], mnist:DIR, "
                + "nmnist:DIR, emulated:mnist:DIR[:exclude=A-B], fsdd:DIR[:holdout=SPEAKER] or "
                + "ti46:DIR[:vocab=alpha|20]");
    }

    /** {@code A-B}: an inclusive range of sample indices within [0, size). */
    private static int[] parseRange(String text, String spec, int size) {
        int dash = text.indexOf('-');
        try {
            if (dash > 0) {
                int from = Integer.parseInt(text.substring(0, dash));
                int to = Integer.parseInt(text.substring(dash + 1));
                if (from >= 0 && from <= to && to < size) {
                    return new int[] {from, to};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("data spec '" + spec + "': exclude= takes a range A-B of training image "
                + "indices with 0 <= A <= B < " + size + ", was '" + text + "'");
    }

    /**
     * The samples of {@code all} outside [from, to], in order; each keeps its own index's emulation (the seed is
     * derived from the image index), so a kept recording is the one the full set would have drawn.
     */
    private static Dataset without(Dataset all, int from, int to) {
        int[] kept = new int[all.size() - (to - from + 1)];
        for (int i = 0, k = 0; i < all.size(); i++) {
            if (i < from || i > to) {
                kept[k++] = i;
            }
        }
        return Datasets.subset(all, kept);
    }

    /** The event pipeline to use: the model's, or N-MNIST's reference preprocessing when the model has none. */
    private static InputPipelineProto eventPipeline(InputPipelineProto model, String spec) {
        if (model == null || model.getSourceCase() == InputPipelineProto.SourceCase.SOURCE_NOT_SET) {
            return InputPipelines.nmnist();
        }
        if (model.getSourceCase() != InputPipelineProto.SourceCase.EVENTS) {
            throw new IllegalArgumentException("data spec '" + spec + "' holds event recordings, the model was "
                    + "trained on " + InputPipelines.describe(model));
        }
        return model;
    }

    /** The rate coding's maximum spike probability per tick: the model's, or the reference 1 / 5.5. */
    private static double imageMaxProbability(InputPipelineProto model, String spec) {
        if (model == null || model.getSourceCase() == InputPipelineProto.SourceCase.SOURCE_NOT_SET) {
            return RateEncoder.REFERENCE_MAX_PROBABILITY;
        }
        boolean image = spec.equals("builtin") || spec.startsWith("builtin:") || spec.startsWith("mnist:");
        if (image && model.getSourceCase() != InputPipelineProto.SourceCase.IMAGE) {
            throw new IllegalArgumentException("data spec '" + spec + "' holds images, the model was trained on "
                    + InputPipelines.describe(model));
        }
        if (image && !"rate".equals(model.getImage().getEncoder())) {
            throw new IllegalArgumentException("the model's image encoder '" + model.getImage().getEncoder()
                    + "' is not known (rate)");
        }
        return image ? model.getImage().getMaxProbability() : RateEncoder.REFERENCE_MAX_PROBABILITY;
    }

    private static int parseCount(String s, String spec) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 10 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("data spec '" + spec + "': the sample count must be in [10, 1000000]");
    }

    private static void checkChannels(int have, int want, String what) {
        if (have != want) {
            throw new IllegalArgumentException(what + " has " + have + " input channels, the model's input "
                    + "population " + want);
        }
    }

    static Dataset builtin(int n, long seed, int ticks, int channels) {
        return builtin(n, seed, ticks, channels, RateEncoder.REFERENCE_MAX_PROBABILITY);
    }

    static Dataset builtin(int n, long seed, int ticks, int channels, double maxProbability) {
        checkChannels(BuiltinDigits.SIZE * BuiltinDigits.SIZE, channels, "built-in digit data");
        BuiltinDigits digits = new BuiltinDigits(seed);
        int pixels = BuiltinDigits.SIZE * BuiltinDigits.SIZE;
        byte[] images = new byte[n * pixels];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float[] img = digits.image(i);
            for (int p = 0; p < pixels; p++) {
                images[i * pixels + p] = (byte) Math.max(0, Math.min(255, Math.round(img[p])));
            }
            labels[i] = digits.label(i);
        }
        return ImageDataset.of(images, pixels, labels, new RateEncoder(ticks, maxProbability), seed);
    }

    static Dataset mnist(Path dir, String split, long seed, int ticks, int channels, double maxProbability)
            throws IOException {
        IdxImages images = IdxReader.readImages(idx(dir, split + "-images-idx3-ubyte"));
        byte[] labels = IdxReader.readLabels(idx(dir, split + "-labels-idx1-ubyte"));
        checkChannels(images.pixelsPerImage(), channels, "MNIST");
        byte[] pixels = new byte[images.count() * images.pixelsPerImage()];
        for (int i = 0; i < images.count(); i++) {
            images.copyImage(i, pixels, i * images.pixelsPerImage());
        }
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i] & 0xFF;
        }
        return ImageDataset.of(pixels, images.pixelsPerImage(), l, new RateEncoder(ticks, maxProbability), seed);
    }

    /** {@code name} or {@code name.gz} in dir. */
    static Path idx(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name + ".gz", name}) {
            if (Files.isRegularFile(dir.resolve(candidate))) {
                return dir.resolve(candidate);
            }
        }
        throw new IOException(dir + ": neither " + name + ".gz nor " + name + " is there");
    }

    static TrainTest nmnist(Path dir, int channels, int ticks, long seed, InputPipelineProto pipeline)
            throws IOException {
        PipelineEncoder binning = new PipelineEncoder(EventPipeline.of(pipeline, channels), ticks);
        String how = ", " + InputPipelines.describe(pipeline);
        if (Files.isDirectory(dir.resolve("Train"))) {
            return new TrainTest(recordings(NmnistLayout.fromFolders(dir, NmnistLayout.Split.TRAIN), binning, seed),
                    recordings(NmnistLayout.fromFolders(dir, NmnistLayout.Split.TEST), binning, seed),
                    "N-MNIST " + dir + " Train/Test" + how, pipeline);
        }
        for (String name : new String[] {"train1K.txt", "train.txt"}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                Dataset all = recordings(NmnistLayout.fromListFile(dir.resolve(name)), binning, seed);
                Datasets.Split split = Datasets.stratifiedSplit(all, 0.9, seed);
                return new TrainTest(split.first(), split.second(), "N-MNIST " + dir.resolve(name) + ", split 90/10 "
                        + "per class (" + split.first().size() + " / " + split.second().size() + ")" + how, pipeline)
                        .withAll(all);
            }
        }
        throw new IOException(dir + ": neither Train/ and Test/ folders nor a train1K.txt / train.txt list file");
    }

    static Dataset recordings(List<NmnistSample> samples, EventEncoder binning, long seed) {
        int[] labels = samples.stream().mapToInt(NmnistSample::label).toArray();
        NmnistReader reader = new NmnistReader();
        return EventDataset.of(i -> {
            try {
                return reader.read(samples.get(i).file()).events();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, labels, Transforms.identity(), binning, seed).withFiles(i -> samples.get(i).file().toString());
    }

    static Dataset emulated(Path dir, String split, long seed, int channels, int ticks, InputPipelineProto pipeline)
            throws IOException {
        PipelineEncoder binning = new PipelineEncoder(EventPipeline.of(pipeline, channels), ticks);
        IdxImages images = IdxReader.readImages(idx(dir, split + "-images-idx3-ubyte"));
        byte[] labels = IdxReader.readLabels(idx(dir, split + "-labels-idx1-ubyte"));
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i] & 0xFF;
        }
        DvsEmulator emulator = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        int ppi = images.pixelsPerImage();
        return EventDataset.of(i -> {
            byte[] img = new byte[ppi];
            images.copyImage(i, img, 0);
            EventStream events = emulator.emulate(img, images.cols(), images.rows(),
                    new SplittableRandom(Seeds.mix(seed, i)));
            return events;
        }, l, Transforms.identity(), binning, seed);
    }
}
