package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.export.Checkpoints;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.TrainingSettings;
import io.snn4j.train.Backprop;
import io.snn4j.train.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--data", "builtin:300", "--test-limit", "100", "--epochs", "3",
        "--threads", "2", "--seed", "5", "--no-progress"};

    private static String[] args(Path out, String... extra) {
        String[] a = new String[SMALL.length + 3 + extra.length];
        a[0] = "train";
        System.arraycopy(SMALL, 0, a, 1, SMALL.length);
        a[SMALL.length + 1] = "--out";
        a[SMALL.length + 2] = out.toString();
        System.arraycopy(extra, 0, a, SMALL.length + 3, extra.length);
        return a;
    }

    @Test
    void trainWritesModelCheckpointMetricsAndCurveEveryEpoch() throws IOException {
        Path out = dir.resolve("run");
        CliTest.Run r = CliTest.run(args(out));
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("model.pb", "checkpoint.pb", "metrics.csv", "training-curve.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(4, metrics.size());
        assertTrue(metrics.get(0).startsWith("epoch,train_samples,train_cost,train_accuracy,test_accuracy"));
        double firstCost = Double.parseDouble(metrics.get(1).split(",")[2]);
        double lastCost = Double.parseDouble(metrics.get(3).split(",")[2]);
        assertTrue(lastCost < firstCost, "training cost should fall: " + firstCost + " -> " + lastCost);
        assertEquals(3, Checkpoints.read(out.resolve("checkpoint.pb")).state().epoch());
        // the trained model loads and is evaluated by the eval command
        CliTest.Run e = CliTest.run("eval", "--model", out.resolve("model.pb").toString(), "--data", "builtin:300",
                "--limit", "100", "--seed", "5");
        assertEquals(0, e.code(), e.err());
        double acc = Double.parseDouble(metrics.get(3).split(",")[4]);
        assertTrue(e.out().contains(String.format(java.util.Locale.ROOT, "accuracy           %.2f %%", 100 * acc)),
                e.out() + " vs " + acc);
        assertTrue(e.out().contains("confusion matrix"));
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void testEveryTestsDuringTheEpochWithoutChangingTheModel() throws IOException {
        Path with = dir.resolve("curve");
        Path without = dir.resolve("plain");
        String[] common = {"train", "--data", "builtin:2600", "--test-limit", "200", "--epochs", "2", "--threads", "2",
            "--seed", "3", "--mode", "minibatch", "--batch", "8", "--no-progress", "--no-record"};
        CliTest.Run a = CliTest.run(concat(common, "--out", with.toString(), "--test-every", "1500"));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, CliTest.run(concat(common, "--out", without.toString())).code());
        assertArrayEquals(Files.readAllBytes(without.resolve("model.pb")), Files.readAllBytes(with.resolve("model.pb")),
                "testing during training must not change the trained model");
        List<String> rows = Files.readAllLines(with.resolve("test-curve.csv"));
        assertEquals("samples,epoch,test_accuracy,train_seconds", rows.get(0));
        List<String> metrics = Files.readAllLines(with.resolve("metrics.csv"));
        int n = Integer.parseInt(metrics.get(1).split(",")[1]); // training samples per epoch
        assertEquals(2600, n);
        // progress reports come every 1000 samples of an epoch: tests at the first report at or past 1500 (2000),
        // 3000 (3600 = 2600 + 1000) and 4500 (4600), and after each epoch (2600, 5200)
        long[] want = {2000, 2600, 3600, 4600, 5200};
        assertEquals(want.length + 1, rows.size(), String.join("\n", rows));
        double previousSeconds = 0;
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            assertEquals(want[i - 1], Long.parseLong(f[0]), rows.get(i));
            assertEquals(want[i - 1] <= 2600 ? 1 : 2, Integer.parseInt(f[1]), rows.get(i));
            double seconds = Double.parseDouble(f[3]);
            assertTrue(seconds >= previousSeconds, rows.get(i));
            previousSeconds = seconds;
        }
        for (int e = 1; e <= 2; e++) { // the epochs' rows are the epochs' tests
            double curve = Double.parseDouble(rows.get(e == 1 ? 2 : 5).split(",")[2]);
            double metric = Double.parseDouble(metrics.get(e).split(",")[4]);
            assertEquals(metric, curve, 1e-5, "epoch " + e);
        }
        assertTrue(a.out().contains("test      after 2000 samples (epoch 1): test accuracy "), a.out());
        CliTest.Run bad = CliTest.run(concat(common, "--out", dir.resolve("bad").toString(), "--test-every", "0"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--test-every must be > 0, was 0"), bad.err());
    }

    @Test
    void lambdaSwitchesTheRegulariserAndRejectsNonsense() throws IOException {
        Path with = dir.resolve("with");
        Path without = dir.resolve("without");
        CliTest.Run r = CliTest.run(args(with));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("lambda 10.0"), r.out());
        assertEquals(0, CliTest.run(args(without, "--lambda", "0")).code());
        assertFalse(Arrays.equals(Files.readAllBytes(with.resolve("model.pb")),
                Files.readAllBytes(without.resolve("model.pb"))), "the regulariser must change the weights");
        CliTest.Run bad = CliTest.run(args(dir.resolve("bad"), "--lambda", "-1"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--lambda must be >= 0 and finite, was -1.0"), bad.err());
    }

    @Test
    void betaSetsTheRegulariserExponentIsRecordedAndRejectsNonsense() throws IOException {
        Path reference = dir.resolve("reference");
        Path small = dir.resolve("small-beta");
        assertEquals(0, CliTest.run(args(reference)).code());
        CliTest.Run r = CliTest.run(args(small, "--beta", "0.01"));
        assertEquals(0, r.code(), r.err());
        assertFalse(Arrays.equals(Files.readAllBytes(reference.resolve("model.pb")),
                Files.readAllBytes(small.resolve("model.pb"))), "the exponent must change the weights");
        assertEquals(0.01, ModelFiles.trainingSettings(ModelFiles.read(small.resolve("model.pb")), "small").beta());
        assertEquals(0.04, ModelFiles.trainingSettings(ModelFiles.read(reference.resolve("model.pb")), "reference")
                .beta(), "the effective value is recorded when no flag gave it");
        CliTest.Run bad = CliTest.run(args(dir.resolve("bad-beta"), "--beta", "NaN"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--beta must be >= 0 and finite, was NaN"), bad.err());
    }

    /** A short minibatch run of {@code epochs} epochs with extra options. */
    private static String[] small(Path out, int epochs, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--data", "builtin:96", "--test-limit", "50",
                "--epochs", String.valueOf(epochs), "--threads", "2", "--seed", "5", "--no-progress", "--mode",
                "minibatch", "--batch", "8", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void sparseBackpropAndSecondOrderOptimizersResumeBitIdenticallyAndAreRecorded() throws IOException {
        for (String[] method : new String[][] {{"--backprop", "msbp:0.05", "--optimizer", "kfac:refresh=100"},
                {"--backprop", "meprop:10", "--optimizer", "lbfgs:m=4,maxstep=0.5", "--lr", "0.5"}}) {
            Path whole = dir.resolve("whole-" + method[1]);
            CliTest.Run w = CliTest.run(small(whole, 2, method));
            assertEquals(0, w.code(), w.err());
            assertTrue(w.out().contains("method    backprop " + Backprop.parse(method[1]) + ", optimizer "
                    + OptimizerSpec.parse(method[3])), w.out());
            Path part = dir.resolve("part-" + method[1]);
            assertEquals(0, CliTest.run(small(part, 1, method)).code());
            CliTest.Run resumed = CliTest.run("train", "--resume", part.toString(), "--epochs", "2", "--no-progress");
            assertEquals(0, resumed.code(), resumed.err());
            byte[] model = Files.readAllBytes(whole.resolve("model.pb"));
            assertArrayEquals(model, Files.readAllBytes(part.resolve("model.pb")), "resumed " + method[1]);
            String text = new String(model, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.contains(Backprop.parse(method[1]).toString()), "model.pb records the backprop");
            assertTrue(text.contains(OptimizerSpec.parse(method[3]).toString()), "model.pb records the optimizer");
            assertFalse(Checkpoints.read(part.resolve("checkpoint.pb")).aux().isEmpty());
        }
        CliTest.Run bad = CliTest.run(args(dir.resolve("bad"), "--backprop", "msbp:0"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--backprop 'msbp:0': K must be >= 1"), bad.err());
        CliTest.Run badOpt = CliTest.run(args(dir.resolve("bad2"), "--optimizer", "kfac:damping=-1"));
        assertEquals(2, badOpt.code());
        assertTrue(badOpt.err().contains("--optimizer 'kfac:damping=-1': damping must be in"), badOpt.err());
    }

    @Test
    void aRunKilledMidEpochResumesToTheSameModelBytes() throws IOException, InterruptedException {
        // lambda 0 (not the default): the resumed run must take it from the checkpoint
        Path whole = dir.resolve("whole");
        assertEquals(0, CliTest.run(args(whole, "--lambda", "0")).code());

        Path killed = dir.resolve("killed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(killed, "--lambda", "0")));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile());
        Process p = pb.start();
        Path checkpoint = killed.resolve("checkpoint.pb");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(150);
        assertTrue(p.isAlive(), "the run should still be in its second epoch: " + Files.readString(
                dir.resolve("killed.log")));
        p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        int epochsDone = Checkpoints.read(checkpoint).state().epoch();
        assertTrue(epochsDone >= 1 && epochsDone < 3, "killed after " + epochsDone + " epochs");

        CliTest.Run resumed = CliTest.run("train", "--resume", killed.toString(), "--epochs", "3", "--no-progress");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resumed   after epoch " + epochsDone), resumed.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.pb")), Files.readAllBytes(killed.resolve("model.pb")),
                "resumed run must end bit-identical to the uninterrupted one");
        assertEquals(Files.readAllLines(whole.resolve("metrics.csv")).size(),
                Files.readAllLines(killed.resolve("metrics.csv")).size());
        assertEquals(ModelFiles.read(whole.resolve("model.pb")), ModelFiles.read(killed.resolve("model.pb")));
    }

    @Test
    void augmentIsRejectedOnImageDataAndForBadSpecs() {
        CliTest.Run image = CliTest.run(args(dir.resolve("a"), "--augment", "shift:1"));
        assertEquals(2, image.code());
        assertTrue(image.err().contains("--augment shift:1: shift works on event data (nmnist:DIR, "
                + "emulated:mnist:DIR), not on --data builtin:300 (drop:P works on any data)"), image.err());
        CliTest.Run bad = CliTest.run(args(dir.resolve("b"), "--augment", "shift:x"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--augment: augmentation 'shift:x': 'x' in 'shift:x' is not a number"),
                bad.err());
    }

    /** drop:P needs no sensor layout: on any data it keeps each spike with probability 1 - P, in place. */
    @Test
    void dropWorksOnAnyData() {
        int n = 20_000;
        int[] ticks = new int[n];
        int[] channels = new int[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = i / 100;
            channels[i] = i % 100 * 3;
        }
        io.snn4j.event.InputSpikes in = io.snn4j.event.InputSpikes.of(300, ticks, channels);
        io.snn4j.data.dataset.Dataset speech = new io.snn4j.data.dataset.Dataset() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public int label(int index) {
                return 0;
            }

            @Override
            public io.snn4j.event.InputSpikes load(int index) {
                return in;
            }

            @Override
            public int channelCount() {
                return 300;
            }

            @Override
            public int tickCount() {
                return 200;
            }
        };
        io.snn4j.data.dataset.Augmentation a = TrainCommand.parseAugmentation("drop:0.25", "fsdd:d", speech);
        io.snn4j.event.InputSpikes out = a.apply(in, 7, 1, 0);
        assertEquals(300, out.channelCount());
        // 15,000 expected, binomial standard deviation 61: a wrong rule (no drop, all dropped, P and 1 - P) is far off
        assertTrue(Math.abs(out.size() - 15_000) < 400, "kept " + out.size());
        java.util.Set<Long> kept = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            kept.add((long) ticks[i] << 32 | channels[i]);
        }
        for (int i = 0; i < out.size(); i++) {
            assertTrue(kept.contains((long) out.tick(i) << 32 | out.channel(i)), "spike " + i + " moved");
        }
        assertEquals(out.size(), a.apply(in, 7, 1, 0).size(), "the same draws give the same spikes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainCommand.parseAugmentation("shift:1", "fsdd:d", speech));
        assertTrue(e.getMessage().contains("shift works on event data"), e.getMessage());
    }

    @Test
    void augmentedTrainingOnRecordingsIsReproducibleAndRecordedInTheCheckpoint() throws IOException {
        Path nmnist = io.snn4j.testing.SharedDatasets.require("nmnist-small");
        String[] common = {"train", "--model", Home.resolve(Path.of("models/nmnist-mlp.textproto")).toString(),
            "--data", "nmnist:" + nmnist, "--limit", "24", "--test-limit", "10", "--mode", "minibatch", "--batch", "4",
            "--threads", "2", "--epochs", "2", "--lr", "0.004", "--no-progress"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path plain = dir.resolve("plain");
        CliTest.Run ra = CliTest.run(concat(common, "--out", a.toString(), "--augment", "shift:2,drop:0.1"));
        assertEquals(0, ra.code(), ra.err());
        assertTrue(ra.out().contains("augment   shift:2,drop:0.1 (training set only"), ra.out());
        assertEquals(0, CliTest.run(concat(common, "--out", b.toString(), "--augment", "shift:2,drop:0.1")).code());
        assertEquals(0, CliTest.run(concat(common, "--out", plain.toString())).code());
        assertArrayEquals(Files.readAllBytes(a.resolve("model.pb")), Files.readAllBytes(b.resolve("model.pb")),
                "same seed, same augmented draws, same model");
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("model.pb")),
                Files.readAllBytes(plain.resolve("model.pb"))), "the augmentation must change what is learnt");
        assertEquals("shift:2,drop:0.1", Checkpoints.read(a.resolve("checkpoint.pb")).config().get("augment"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * --folds: each fold's printed accuracy is its model's accuracy on that fold's test part, evaluated here
     * independently (the same stratified folds of every sample, DatasetRun on fold-i/model.pb); the mean and the
     * spread are those of the printed folds; and the option refuses what it cannot go with.
     */
    @Test
    void foldsTrainOneModelPerFoldAndReportEachFoldsHeldOutAccuracy() throws IOException {
        Path out = dir.resolve("cv");
        CliTest.Run r = CliTest.run("train", "--data", "builtin:120", "--limit", "300", "--folds", "3", "--epochs",
                "1", "--seed", "5", "--no-progress", "--no-record", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        io.snn4j.network.NetworkSpec net = ModelFiles.load(Home.resolve(Path.of("models/builtin-mlp.textproto")));
        io.snn4j.data.dataset.Dataset every = io.snn4j.data.dataset.Datasets.range(
                DataSpecs.open("builtin:120", net.inputPopulation().size(), net.ticks(), 5).all().train(), 0, 300);
        List<io.snn4j.data.dataset.Datasets.Split> folds = io.snn4j.data.dataset.Datasets.stratifiedFolds(every, 3,
                5);
        double sum = 0;
        for (int f = 0; f < 3; f++) {
            io.snn4j.network.NetworkSpec trained = ModelFiles.load(out.resolve("fold-" + (f + 1)).resolve("model.pb"));
            io.snn4j.data.dataset.Dataset test = folds.get(f).second();
            double acc = io.snn4j.train.DatasetRun.of(trained, test, 1).evaluation(test).accuracy();
            sum += acc;
            String line = String.format(java.util.Locale.ROOT, "fold %d accuracy  %.2f %% (%d samples)", f + 1,
                    100 * acc, test.size());
            assertTrue(r.out().contains(line), line + " in\n" + r.out());
        }
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "cross-validation  3 folds, 300 samples: "
                + "mean %.2f %%", 100 * sum / 3)), r.out());
        CliTest.Run bad = CliTest.run("train", "--data", "builtin:120", "--folds", "3", "--resume",
                out.resolve("fold-1").toString());
        assertEquals(2, bad.code());
        CliTest.Run one = CliTest.run("train", "--data", "builtin:120", "--folds", "1", "--epochs", "1", "--out",
                dir.resolve("one").toString());
        assertEquals(2, one.code());
        assertTrue(one.err().contains("--folds must be in [2, "), one.err());
    }

    /**
     * --init: a run started from a trained model's weights with learning rate 1e-30 (Adam steps far below a weight's
     * last bit) keeps them (the same predictions as the trained model under eval, which a run from --model's drawn
     * weights would not give); not with --resume.
     */
    @Test
    void initStartsFromTrainedWeightsWithAFreshOptimizer() throws IOException {
        Path first = dir.resolve("first");
        assertEquals(0, CliTest.run(args(first)).code());
        Path frozen = dir.resolve("frozen");
        CliTest.Run r = CliTest.run(args(frozen, "--init", first.resolve("model.pb").toString(), "--lr", "1e-30",
                "--lambda", "0"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("model     " + first.resolve("model.pb")), r.out());
        Path p1 = dir.resolve("p1.csv");
        Path p2 = dir.resolve("p2.csv");
        for (Path[] mp : new Path[][] {{first.resolve("model.pb"), p1}, {frozen.resolve("model.pb"), p2}}) {
            CliTest.Run e = CliTest.run("eval", "--model", mp[0].toString(), "--data", "builtin:300", "--limit", "100",
                    "--seed", "5", "--predictions", mp[1].toString());
            assertEquals(0, e.code(), e.err());
        }
        assertEquals(Files.readAllLines(p1), Files.readAllLines(p2), "a vanishing rate from --init keeps the weights");
        CliTest.Run bad = CliTest.run(args(dir.resolve("bad"), "--init", first.resolve("model.pb").toString(),
                "--resume", first.toString()));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--init starts a new run"), bad.err());
    }

    /** builtin-mlp's network with {@code training} as its training section, written into the test folder. */
    private Path modelWith(String name, String training) throws IOException {
        String text = Files.readString(Home.resolve(Path.of("models/builtin-mlp.textproto")));
        Path f = dir.resolve(name + ".textproto");
        Files.writeString(f, text.substring(0, text.indexOf("\ntraining {")) + "\n" + training);
        return f;
    }

    /** The training settings of a written model. */
    private static TrainingSettings recorded(Path modelPb) throws IOException {
        return ModelFiles.trainingSettings(ModelFiles.read(modelPb), modelPb.toString());
    }

    private static final String SECTION = "training { lambda: 0 beta: 0.02 learning_rate: 0.005 mode: MINIBATCH "
            + "batch_size: 8 epochs: 2 seed: 7 }\n";

    /**
     * The model's training section drives the run exactly as the same values given as flags do (the same weights,
     * independently of where the values came from); unset fields take the built-in defaults; model.pb records the
     * effective settings, and two identical runs write identical bytes.
     */
    @Test
    void theModelsTrainingSettingsAreTheDefaultsAndModelPbRecordsTheEffectiveOnes() throws IOException {
        Path m = modelWith("section", SECTION);
        String[] common = {"--data", "builtin:96", "--test-limit", "50", "--threads", "2", "--no-progress"};
        Path a = dir.resolve("a");
        CliTest.Run r = CliTest.run(concat(concat(new String[] {"train", "--model", m.toString()}, common), "--out",
                a.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training  minibatch mode (batch 8), 2 threads, seed 7, lr 0.005, lambda 0.0, beta "
                + "0.02, 2 epochs"), r.out());
        assertTrue(r.out().contains("settings  flags, then the model's training settings"), r.out());
        assertEquals(3, Files.readAllLines(a.resolve("metrics.csv")).size(), "the model's 2 epochs");
        // every field: the section's, the built-in defaults' for the rest (faithful-only batch unset in minibatch)
        assertEquals(new TrainingSettings(0.0, 0.02, 8.0, 0.005, TrainingSettings.Schedule.INVERSE_SQRT_EPOCH,
                TrainingSettings.Mode.MINIBATCH, 8, 2, 7L, true, true, 35, 5, 5, true, null, null, "full", "adam"),
                recorded(a.resolve("model.pb")));
        assertEquals(recorded(a.resolve("model.pb")), Checkpoints.read(a.resolve("checkpoint.pb")).training());

        Path again = dir.resolve("again");
        assertEquals(0, CliTest.run(concat(concat(new String[] {"train", "--model", m.toString()}, common), "--out",
                again.toString())).code());
        assertArrayEquals(Files.readAllBytes(a.resolve("model.pb")), Files.readAllBytes(again.resolve("model.pb")),
                "identical training writes identical bytes");

        Path flags = dir.resolve("flags");
        String[] sameAsFlags = {"train", "--model", m.toString(), "--reference-defaults", "--lambda", "0", "--beta",
            "0.02", "--lr", "0.005", "--mode", "minibatch", "--batch", "8", "--epochs", "2", "--seed", "7"};
        CliTest.Run f = CliTest.run(concat(concat(sameAsFlags, common), "--out", flags.toString()));
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().contains("settings  flags, then the built-in reference defaults (--reference-defaults)"),
                f.out());
        assertArrayEquals(Files.readAllBytes(a.resolve("model.pb")), Files.readAllBytes(flags.resolve("model.pb")),
                "the same settings from flags give the same weights and record the same settings");
    }

    @Test
    void flagsOverrideTheModelAndReferenceDefaultsIgnoreIt() throws IOException {
        Path m = modelWith("section", SECTION);
        Path over = dir.resolve("over");
        CliTest.Run r = CliTest.run("train", "--model", m.toString(), "--data", "builtin:96", "--test-limit", "50",
                "--threads", "2", "--no-progress", "--lambda", "1", "--epochs", "1", "--mode", "faithful", "--out",
                over.toString());
        assertEquals(0, r.code(), r.err());
        TrainingSettings s = recorded(over.resolve("model.pb"));
        assertEquals(1.0, s.lambda());
        assertEquals(1, s.epochs());
        assertEquals(TrainingSettings.Mode.FAITHFUL, s.mode());
        assertEquals(null, s.batchSize(), "a faithful run is batch 1: no batch size recorded");
        assertEquals(0.02, s.beta(), "not overridden: the model's");
        assertEquals(7L, s.seed());

        Path reference = dir.resolve("reference");
        r = CliTest.run("train", "--model", m.toString(), "--data", "builtin:96", "--test-limit", "50", "--threads",
                "2", "--no-progress", "--reference-defaults", "--limit", "20", "--out", reference.toString());
        assertEquals(0, r.code(), r.err());
        // the reference configs' MNIST settings (hm2bp-spec 1.3 and 5), independent of TrainingConfig
        assertEquals(new TrainingSettings(10.0, 0.04, 8.0, 0.001, TrainingSettings.Schedule.INVERSE_SQRT_EPOCH,
                TrainingSettings.Mode.FAITHFUL, null, 1, 1L, true, true, 35, 5, 5, true, null, null, "full", "adam"),
                recorded(reference.resolve("model.pb")));
    }

    @Test
    void aRunFromTheModelsSettingsResumesToTheSameBytesAndKeepsThemOnInit() throws IOException {
        Path m = modelWith("section", SECTION);
        String[] common = {"train", "--model", m.toString(), "--data", "builtin:96", "--test-limit", "50",
            "--threads", "2", "--no-progress"};
        Path whole = dir.resolve("whole");
        assertEquals(0, CliTest.run(concat(common, "--out", whole.toString())).code());
        Path part = dir.resolve("part");
        assertEquals(0, CliTest.run(concat(common, "--epochs", "1", "--out", part.toString())).code());
        assertEquals(1, recorded(part.resolve("model.pb")).epochs());
        // no --epochs: the model's 2
        CliTest.Run resumed = CliTest.run("train", "--resume", part.toString(), "--no-progress");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("settings  as the checkpoint records them"), resumed.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.pb")), Files.readAllBytes(part.resolve("model.pb")));

        // --init: the trained model's recorded settings are the defaults of the new run
        Path tuned = dir.resolve("tuned");
        CliTest.Run t = CliTest.run("train", "--init", whole.resolve("model.pb").toString(), "--data", "builtin:96",
                "--test-limit", "50", "--threads", "2", "--no-progress", "--epochs", "1", "--lr", "0.001", "--out",
                tuned.toString());
        assertEquals(0, t.code(), t.err());
        TrainingSettings s = recorded(tuned.resolve("model.pb"));
        assertEquals(0.02, s.beta());
        assertEquals(0.001, s.learningRate());
        assertEquals(8, s.batchSize());
    }

    /**
     * A checkpoint written before the settings were recorded (its training field cleared here) resumes from its
     * options and the built-in defaults, as it was trained, to the bytes of an uninterrupted run.
     */
    @Test
    void aCheckpointWithoutRecordedSettingsResumesWithItsOptions() throws IOException {
        Path whole = dir.resolve("whole");
        assertEquals(0, CliTest.run(small(whole, 2, "--lambda", "0")).code());
        Path part = dir.resolve("part");
        assertEquals(0, CliTest.run(small(part, 1, "--lambda", "0")).code());
        Path cp = part.resolve("checkpoint.pb");
        io.snn4j.export.proto.CheckpointProto old = io.snn4j.export.proto.CheckpointProto.parseFrom(
                Files.readAllBytes(cp)).toBuilder().clearTraining().build();
        Files.write(cp, old.toByteArray());
        assertTrue(Checkpoints.read(cp).training().isEmpty());
        CliTest.Run r = CliTest.run("train", "--resume", part.toString(), "--epochs", "2", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(a checkpoint without recorded settings)"), r.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.pb")), Files.readAllBytes(part.resolve("model.pb")));
    }

    @Test
    void badSettingsInTheModelAreNamedWithTheFile() throws IOException {
        Path bad = modelWith("bad", "training { learning_rate: -0.1 epochs: 0 }\n");
        CliTest.Run r = CliTest.run("train", "--model", bad.toString(), "--data", "builtin:96", "--no-progress",
                "--out", dir.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad + ": invalid model (2 problems)"), r.err());
        assertTrue(r.err().contains("training.learning_rate must be in (0, 100], was -0.1"), r.err());
        assertTrue(r.err().contains("training.epochs must be in [1, 100000], was 0"), r.err());
        Path method = modelWith("method", "training { backprop: \"msbp:0\" }\n");
        r = CliTest.run("train", "--model", method.toString(), "--data", "builtin:96", "--no-progress", "--out",
                dir.resolve("y").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("training.backprop 'msbp:0': K must be >= 1"), r.err());
        Path augment = modelWith("augment", "training { augmentation { shift_px: 1 } }\n");
        r = CliTest.run("train", "--model", augment.toString(), "--data", "builtin:96", "--no-progress", "--out",
                dir.resolve("z").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("works on event data") && r.err().contains("--augment none turns it off"),
                r.err());
        r = CliTest.run(args(dir.resolve("w"), "--lr", "-1"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--lr must be in (0, 100], was -1.0"), r.err());
    }

    /** The shipped models carry the settings their comments state. */
    @Test
    void shippedModelsCarryTheirSettings() throws IOException {
        assertEquals(0.0, shipped("mnist-mlp").lambda());
        assertEquals(0.01, shipped("nmnist-mlp").beta());
        assertEquals(10.0, shipped("nmnist-mlp").lambda());
        assertEquals(0.0, shipped("mnist-cnn").lambda());
        assertEquals(20, shipped("fsdd-mlp").epochs());
        assertEquals(10.0, shipped("builtin-mlp").lambda());
        assertEquals(0.04, shipped("ti46-alpha").beta());
    }

    /** Every trainable (feed-forward) model in models/ carries a training section. */
    @Test
    void everyTrainableShippedModelHasATrainingSection() throws IOException {
        try (var files = Files.list(Home.resolve(Path.of("models")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".textproto")).toList()) {
                io.snn4j.model.proto.ModelProto p = ModelFiles.read(f);
                if (p.hasFeedForward()) {
                    assertTrue(p.hasTraining(), f + " has no training section");
                    assertFalse(ModelFiles.trainingSettings(p, f.toString()).isEmpty(), f.toString());
                }
            }
        }
    }

    private static TrainingSettings shipped(String name) throws IOException {
        Path f = Home.resolve(Path.of("models", name + ".textproto"));
        return ModelFiles.trainingSettings(ModelFiles.read(f), f.toString());
    }
}
