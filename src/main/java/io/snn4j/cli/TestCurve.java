package io.snn4j.cli;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.io.AtomicFiles;
import io.snn4j.train.Evaluation;
import io.snn4j.train.Hm2BpTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code train --test-every N}: the test accuracy during training, not only after each epoch, so that "samples (and
 * training time) to reach X %" can be read off. After every N training samples (at the first progress report at or
 * past each multiple; reports come every 1000 samples) the current weights are tested on the run's test set, a line
 * is printed, and every row (these and the end of each epoch) goes to {@code test-curve.csv}:
 * {@code samples,epoch,test_accuracy,train_seconds}. {@code samples} counts training samples since the first epoch
 * (epochs before a {@code --resume} included); {@code train_seconds} is the wall time of this invocation's training
 * passes without the tests (epoch times printed by {@code train} include the mid-epoch tests). Testing reads the
 * weights and changes nothing the training uses: the trained model is the same bytes with or without it.
 */
final class TestCurve {
    static final String FILE = "test-curve.csv";
    private static final String HEADER = "samples,epoch,test_accuracy,train_seconds";

    private final long every;
    private final Path file;
    private final Dataset test;
    private final PrintWriter out;
    private final List<String> rows = new ArrayList<>();
    private Hm2BpTrainer trainer;
    private long nextTest;
    private long trainNanos;
    private long mark;

    /**
     * @param every training samples between tests, &gt; 0
     * @param dir   the run folder ({@link #FILE} is written there)
     */
    TestCurve(long every, Path dir, Dataset test, PrintWriter out) {
        if (every <= 0) {
            throw new IllegalArgumentException("--test-every must be > 0, was " + every);
        }
        this.every = every;
        this.file = dir.resolve(FILE);
        this.test = test;
        this.out = out;
    }

    /**
     * Training starts (or resumes) at epoch {@code firstEpoch} of {@code epochSamples} samples each; a resumed run
     * keeps the rows of the earlier epochs from the existing file.
     */
    void started(Hm2BpTrainer t, int firstEpoch, int epochSamples) throws IOException {
        trainer = t;
        long seen = (long) firstEpoch * epochSamples;
        nextTest = (seen / every + 1) * every;
        if (firstEpoch > 0 && Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                try {
                    if (f.length == 4 && Long.parseLong(f[0]) <= seen) {
                        rows.add(lines.get(i));
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line " + (i + 1) + ": not a sample count: " + f[0], e);
                }
            }
        }
    }

    /** An epoch's training pass begins. */
    void epochStarted() {
        mark = System.nanoTime();
    }

    /**
     * Progress within epoch {@code epoch}: tests when a multiple of the interval was reached before its end, and
     * writes the file (so a run stopped mid-epoch keeps its curve so far).
     */
    void progress(int epoch, int done, int total) throws IOException {
        long seen = (long) epoch * total + done;
        if (seen < nextTest || done >= total) {
            return; // the epoch's own test follows at its end
        }
        trainNanos += System.nanoTime() - mark;
        Evaluation ev = trainer.evaluate(test);
        add(seen, epoch, ev.accuracy(), true);
        while (nextTest <= seen) {
            nextTest += every;
        }
        write();
        mark = System.nanoTime();
    }

    /** The training pass of an epoch ended. */
    void epochTrained() {
        trainNanos += System.nanoTime() - mark;
    }

    /** The end-of-epoch test: a row, and the file is written. */
    void epochTested(int epoch, int total, double accuracy) throws IOException {
        long seen = (long) (epoch + 1) * total;
        add(seen, epoch, accuracy, false);
        while (nextTest <= seen) {
            nextTest += every;
        }
        write();
    }

    private void write() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        AtomicFiles.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private void add(long seen, int epoch, double accuracy, boolean print) {
        double seconds = trainNanos / 1e9;
        rows.add(String.format(Locale.ROOT, "%d,%d,%.6f,%.3f", seen, epoch + 1, accuracy, seconds));
        if (print) {
            out.printf(Locale.ROOT, "test      after %d samples (epoch %d): test accuracy %.2f %%, training time %.1f s"
                    + "%n", seen, epoch + 1, 100 * accuracy, seconds);
            out.flush();
        }
    }
}
