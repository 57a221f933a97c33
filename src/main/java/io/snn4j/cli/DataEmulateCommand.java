package io.snn4j.cli;

import io.snn4j.io.AtomicFiles;
import io.snn4j.data.EventStream;
import io.snn4j.data.emulate.BuiltinDigits;
import io.snn4j.data.emulate.DvsEmulator;
import io.snn4j.data.emulate.DvsEmulatorConfig;
import io.snn4j.data.mnist.IdxImages;
import io.snn4j.data.mnist.IdxReader;
import io.snn4j.data.nmnist.NmnistWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snn4j data emulate --images mnist:DIR|builtin [--count N] [--seed S] --out DIR}: emulates N-MNIST-style
 * recordings of still digits with the DVS emulator and writes them as N-MNIST {@code <id>.bin} files plus a list file
 * in the format of N-MNIST's {@code train1K.txt}. Sample id k (1-based) is MNIST training image k - 1, as in N-MNIST,
 * or built-in digit k - 1. Every file is written atomically; the output depends only on the images, the seed and the
 * emulator defaults, not on {@code --threads}.
 */
@Command(name = "emulate",
        mixinStandardHelpOptions = true,
        description = {"Emulate N-MNIST recordings (34 x 34 sensor, three saccades) of MNIST or built-in digits and "
                + "write them as N-MNIST <id>.bin files plus a '#sample #class' list file."})
final class DataEmulateCommand implements Callable<Integer> {
    static final String MNIST_IMAGES = "train-images-idx3-ubyte.gz";
    static final String MNIST_LABELS = "train-labels-idx1-ubyte.gz";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "mnist:DIR|builtin",
            description = "source images: 'mnist:DIR' (DIR holds " + MNIST_IMAGES + " and " + MNIST_LABELS
                    + ") or 'builtin' (digits drawn by snn4j)")
    String images;

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N",
            description = "number of recordings, ids 1..N (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the recordings (and of the built-in digits) (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if absent)")
    Path out;

    @Option(names = "--list", defaultValue = "labels.txt", paramLabel = "NAME",
            description = "name of the list file in DIR (default: ${DEFAULT-VALUE})")
    String listName;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "worker threads (default: ${DEFAULT-VALUE})")
    int threads;

    /** Source of images and labels, indexed from 0. */
    private interface ImageSource {
        float[] image(int index);

        int label(int index);

        int width();

        int height();

        int size();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (count < 1) {
            throw usage("--count must be >= 1, was " + count);
        }
        if (threads < 1 || threads > 64) {
            throw usage("--threads must be in 1..64, was " + threads);
        }
        if (listName.isBlank() || listName.contains("/") || listName.contains("\\")) {
            throw usage("--list must be a plain file name, was '" + listName + "'");
        }
        ImageSource source = openSource();
        if (count > source.size()) {
            throw usage("--count " + count + " exceeds the " + source.size() + " images of " + images);
        }
        Files.createDirectories(out);
        DvsEmulator emulator = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        AtomicLong totalEvents = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                final int worker = w;
                futures.add(pool.submit(() -> {
                    for (int id = 1 + worker; id <= count; id += threads) {
                        EventStream events = emulator.emulate(source.image(id - 1), source.width(), source.height(),
                                recordingRandom(seed, id));
                        NmnistWriter.write(events, out.resolve(id + ".bin"));
                        totalEvents.addAndGet(events.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
        writeList(source);
        double seconds = (System.nanoTime() - start) * 1e-9;
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "emulated %d recordings of %s into %s (%s), %.0f events/sample mean, %.1f s "
                        + "(%.0f samples/s)%n", count, images, out, listName, (double) totalEvents.get() / count,
                seconds, count / seconds);
        pw.flush();
        return 0;
    }

    /** Per-recording randomness: a function of (seed, id) only. */
    static SplittableRandom recordingRandom(long seed, int id) {
        return new SplittableRandom(new SplittableRandom(seed ^ 0x4E4D4E495354L).split().nextLong() + id * 0x9E37L)
                .split();
    }

    private ImageSource openSource() throws IOException {
        if (images.equals("builtin")) {
            BuiltinDigits digits = new BuiltinDigits(seed);
            return new ImageSource() {
                @Override
                public float[] image(int index) {
                    return digits.image(index);
                }

                @Override
                public int label(int index) {
                    return digits.label(index);
                }

                @Override
                public int width() {
                    return BuiltinDigits.SIZE;
                }

                @Override
                public int height() {
                    return BuiltinDigits.SIZE;
                }

                @Override
                public int size() {
                    return Integer.MAX_VALUE;
                }
            };
        }
        if (!images.startsWith("mnist:") || images.length() == "mnist:".length()) {
            throw usage("--images must be 'mnist:DIR' or 'builtin', was '" + images + "'");
        }
        Path dir = Path.of(images.substring("mnist:".length()));
        Path imageFile = dir.resolve(MNIST_IMAGES);
        Path labelFile = dir.resolve(MNIST_LABELS);
        for (Path f : new Path[] {imageFile, labelFile}) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString(), null, "MNIST file not found");
            }
        }
        IdxImages idx = IdxReader.readImages(imageFile);
        byte[] labels = IdxReader.readLabels(labelFile);
        if (labels.length != idx.count()) {
            throw new IOException(labelFile + ": " + labels.length + " labels for " + idx.count() + " images in "
                    + imageFile);
        }
        return new ImageSource() {
            @Override
            public float[] image(int index) {
                byte[] pixels = new byte[idx.pixelsPerImage()];
                idx.copyImage(index, pixels, 0);
                float[] values = new float[pixels.length];
                for (int i = 0; i < pixels.length; i++) {
                    values[i] = pixels[i] & 0xFF;
                }
                return values;
            }

            @Override
            public int label(int index) {
                return labels[index] & 0xFF;
            }

            @Override
            public int width() {
                return idx.cols();
            }

            @Override
            public int height() {
                return idx.rows();
            }

            @Override
            public int size() {
                return idx.count();
            }
        };
    }

    /** Writes the list file like N-MNIST's train1K.txt: CRLF lines, header '#sample #class', then 'id TAB label'. */
    private void writeList(ImageSource source) throws IOException {
        StringBuilder sb = new StringBuilder("#sample #class\r\n");
        for (int id = 1; id <= count; id++) {
            sb.append(id).append('\t').append(source.label(id - 1)).append("\r\n");
        }
        AtomicFiles.writeString(out.resolve(listName), sb, StandardCharsets.US_ASCII);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
