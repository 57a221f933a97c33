package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.speech.AudioFixtures;
import io.snn4j.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code eval} end to end on a tiny FSDD-like tree and a tiny TI46 tree the test writes. */
@Tag("slow")
class SpeechTrainTest {
    @TempDir
    Path dir;

    /** Digits 0..2 as tones of 300, 700 and 1500 Hz, 0.2 s at 8 kHz; speakers ann and bob; indices 0..5. */
    private Path fsddTree() throws IOException {
        Path root = dir.resolve("fsdd");
        String[] speakers = {"ann", "bob"};
        double[] hz = {300, 700, 1500};
        for (int d = 0; d < 3; d++) {
            for (String s : speakers) {
                for (int i = 0; i < 6; i++) {
                    short[] x = AudioFixtures.tone(1600 + 40 * i, 8000, hz[d] * (s.equals("ann") ? 1 : 1.05));
                    AudioFixtures.write(root.resolve("recordings/" + d + "_" + s + "_" + i + ".wav"),
                            AudioFixtures.wav(x, 8000));
                }
            }
        }
        return root;
    }

    @Test
    void trainsOneEpochOnFsddAndWritesTheModel() throws IOException {
        Path fsdd = fsddTree();
        Path out = dir.resolve("run");
        CliTest.Run r = CliTest.run("train", "--model", "models/fsdd-mlp.textproto", "--data", "fsdd:" + fsdd,
                "--epochs", "1", "--threads", "1", "--no-progress", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        // 36 recordings: indices 0..4 test (2 speakers x 3 digits x 5 = 30), index 5 training (6)
        assertTrue(r.out().contains("6 / 30 recordings, lyon front-end (78 channels, 62.5 frames/s), bsa encoder "
                + "(scale 2000.0), 3 time segments, 500 ticks"), r.out());
        assertTrue(r.out().contains("6 training samples; test: the test part of --data, 30 samples"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model.pb")));
        assertEquals(234, ModelFiles.load(out.resolve("model.pb")).inputPopulation().size());

        Path loso = dir.resolve("loso");
        r = CliTest.run("train", "--model", "models/fsdd-mlp.textproto", "--data", "fsdd:" + fsdd
                + ":holdout=bob", "--epochs", "1", "--threads", "1", "--no-progress", "--out", loso.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("speaker bob held out, 18 / 18 recordings"), r.out());

        CliTest.Run e = CliTest.run("eval", "--model", out.resolve("model.pb").toString(), "--data",
                "fsdd:" + fsdd + ":holdout=ann", "--threads", "1");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("samples            18 "), e.out());
        assertTrue(e.out().contains("confusion matrix"), e.out());
    }

    /**
     * --leave-one-speaker-out: one model per speaker; each printed accuracy is what eval gives for that speaker's
     * model on all of that speaker's recordings (fsdd:DIR:holdout=SPEAKER's test set), the mean and the worst are
     * those of the printed ones; refused on data without speakers and with --folds.
     */
    @Test
    void leaveOneSpeakerOutTrainsAModelPerSpeakerAndReportsEachHeldOutSpeaker() throws IOException {
        Path fsdd = fsddTree();
        Path out = dir.resolve("loso");
        CliTest.Run r = CliTest.run("train", "--model", "models/fsdd-mlp.textproto", "--data", "fsdd:" + fsdd,
                "--leave-one-speaker-out", "--epochs", "1", "--threads", "1", "--no-progress", "--no-record", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        double[] accuracy = new double[2];
        String[] speakers = {"ann", "bob"};
        for (int s = 0; s < 2; s++) {
            CliTest.Run e = CliTest.run("eval", "--model", out.resolve("speaker-" + speakers[s] + "/model.pb")
                    .toString(), "--data", "fsdd:" + fsdd + ":holdout=" + speakers[s], "--threads", "1");
            assertEquals(0, e.code(), e.err());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("accuracy +([0-9.]+) % \\((\\d+) correct")
                    .matcher(e.out());
            assertTrue(m.find(), e.out());
            accuracy[s] = Double.parseDouble(m.group(1));
            assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "speaker %s accuracy  %.2f %% (18 "
                    + "recordings)", speakers[s], accuracy[s])), speakers[s] + " " + accuracy[s] + " in\n" + r.out());
        }
        int worst = accuracy[1] < accuracy[0] ? 1 : 0;
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "leave-one-speaker-out  2 speakers, 36 "
                + "recordings: mean %.2f %%, worst %.2f %% (%s)", (accuracy[0] + accuracy[1]) / 2, accuracy[worst],
                speakers[worst])), r.out());
        assertTrue(r.out().contains("18 training samples; test: speaker bob held out (2 of 2), 18 samples"), r.out());

        CliTest.Run bad = CliTest.run("train", "--data", "builtin:50", "--leave-one-speaker-out", "--epochs", "1",
                "--no-progress", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--leave-one-speaker-out: speakers are known for speech data only"),
                bad.err());
        CliTest.Run both = CliTest.run("train", "--model", "models/fsdd-mlp.textproto", "--data", "fsdd:" + fsdd,
                "--leave-one-speaker-out", "--folds", "2", "--no-progress", "--out", dir.resolve("both").toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--leave-one-speaker-out cannot go with --folds"), both.err());
    }

    @Test
    void trainsOnATi46Tree() throws IOException {
        Path root = dir.resolve("ti46");
        double[] hz = {400, 900, 2000};
        for (int w = 0; w < 3; w++) {
            String code = "0" + (char) ('A' + w);
            for (String spk : new String[] {"f1", "m1"}) {
                for (int t = 0; t < 2; t++) {
                    short[] x = AudioFixtures.tone(2500, 12500, hz[w] + 20 * t);
                    AudioFixtures.write(root.resolve("ti_alpha/train/" + spk + "/" + code + spk + "set" + t
                            + ".wav"), AudioFixtures.sphere(x, 12500));
                    AudioFixtures.write(root.resolve("ti_alpha/test/" + spk + "/" + code + spk + "s" + (t + 1)
                            + "t0.wav"), AudioFixtures.sphere(x, 12500));
                }
            }
        }
        Path out = dir.resolve("ti46run");
        CliTest.Run r = CliTest.run("train", "--model", "models/ti46-alpha.textproto", "--data", "ti46:" + root,
                "--epochs", "1", "--threads", "1", "--no-progress", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("TI46 ti_alpha " + root + ", 12 / 12 recordings"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model.pb")));
    }

    /**
     * Time segments: a model whose input pipeline says 2 has 2 x 78 inputs; train and eval, told nothing, feed the
     * recordings through 2 segments (eval scores what training's last test scored), the trained model records 2,
     * and a spec asking for other segments is refused.
     */
    @Test
    void timeSegmentsAreRecordedAndEvalFeedsThemThrough() throws IOException {
        Path fsdd = fsddTree();
        Path model = dir.resolve("fsdd-seg2.textproto");
        String text = Files.readString(Path.of("models/fsdd-mlp.textproto"));
        assertTrue(text.contains("width: 234 }") && text.contains("time_segments: 3 "), "fsdd-mlp has 3 x 78 inputs");
        Files.writeString(model, text.replace("width: 234 }", "width: 156 }").replace("time_segments: 3 ",
                "time_segments: 2 "));
        Path out = dir.resolve("seg");
        CliTest.Run r = CliTest.run("train", "--model", model.toString(), "--data", "fsdd:" + fsdd, "--epochs", "1",
                "--threads", "1", "--no-progress", "--no-record", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bsa encoder (scale 2000.0), 2 time segments, 500 ticks"), r.out());
        java.util.regex.Matcher trained = java.util.regex.Pattern.compile("test accuracy ([0-9.]+) %")
                .matcher(r.out());
        assertTrue(trained.find(), r.out());
        assertEquals(2, ModelFiles.read(out.resolve("model.pb")).getInputPipeline().getAudio().getTimeSegments());

        CliTest.Run e = CliTest.run("eval", "--model", out.resolve("model.pb").toString(), "--data", "fsdd:" + fsdd,
                "--threads", "1");
        assertEquals(0, e.code(), e.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("accuracy +([0-9.]+) % \\(").matcher(e.out());
        assertTrue(m.find(), e.out());
        assertEquals(Double.parseDouble(trained.group(1)), Double.parseDouble(m.group(1)), 1e-9, e.out());

        String three = "fsdd:" + fsdd + ":segments=3";
        for (CliTest.Run other : new CliTest.Run[] {CliTest.run("train", "--model", model.toString(), "--data",
                three, "--epochs", "1", "--no-progress", "--out", dir.resolve("x").toString()), CliTest.run("eval",
                "--model", out.resolve("model.pb").toString(), "--data", three)}) {
            assertEquals(1, other.code(), other.out());
            assertTrue(other.err().contains("segments=3 differs from the model's input pipeline (segments=2)"),
                    other.err());
        }
    }

    @Test
    void aBadRecordingFailsTheRunNamingTheFile() throws IOException {
        Path fsdd = fsddTree();
        Path bad = fsdd.resolve("recordings/2_bob_5.wav");
        byte[] b = Files.readAllBytes(bad);
        b[20] = 2; // format code 2 (MS ADPCM)
        Files.write(bad, b);
        CliTest.Run r = CliTest.run("train", "--model", "models/fsdd-mlp.textproto", "--data", "fsdd:" + fsdd,
                "--epochs", "1", "--threads", "1", "--no-progress", "--out", dir.resolve("bad").toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("2_bob_5.wav"), r.err());
    }

    @Test
    void usageErrorsAreNamed() throws IOException {
        Path fsdd = fsddTree();
        CliTest.Run r = CliTest.run("train", "--model", "models/mnist-mlp.textproto", "--data", "fsdd:" + fsdd,
                "--epochs", "1", "--no-progress", "--out", dir.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("gives 78 input channels, the model's input population has 784"), r.err());
        r = CliTest.run("train", "--model", "models/fsdd-mlp.textproto", "--data", "fsdd:" + fsdd + ":holdout=zed",
                "--epochs", "1", "--no-progress", "--out", dir.resolve("y").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no recordings by speaker 'zed'; the speakers are ann, bob"), r.err());
    }
}
