package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.Cochleagram;
import io.snn4j.data.audio.Resampler;
import io.snn4j.data.audio.WavReader;
import io.snn4j.data.speech.SpeechAudio;
import io.snn4j.data.speech.SpeechDataset;
import io.snn4j.data.speech.Utterance;
import io.snn4j.testing.FsddAsTi46;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ti46:DIR:vocab=20} path end to end on real speech: a TI-20 tree that SoX (not snn4j) resampled to
 * 12.5 kHz and wrote as NIST SPHERE from FSDD recordings ({@link FsddAsTi46}; two training and two test tokens per
 * digit and speaker), read through the data spec and checked against the same recordings read directly from FSDD's
 * 8 kHz WAV files. Runs where {@code ../shared/datasets/fsdd} and {@code sox} exist; skipped with a message otherwise.
 */
class Ti46FromFsddTest {
    private static final String[] SPEAKERS = {"george", "jackson", "lucas", "nicolas", "yweweler"};

    @TempDir
    static Path dir;
    private static Path fsdd;
    private static Path tree;
    private static DataSpecs.TrainTest ti20;
    private static DataSpecs.TrainTest direct;

    /** Builds the tree once for all tests; skips the calling test (with the reason) without FSDD or SoX. */
    @BeforeEach
    void buildTree() throws IOException {
        Path root = SharedDatasets.require("fsdd");
        FsddAsTi46.requireSox();
        if (tree != null) {
            return;
        }
        fsdd = root;
        tree = dir.resolve("ti46");
        FsddAsTi46.Tree t = FsddAsTi46.build(fsdd, tree, 2, 2);
        assertEquals(100, t.trainFiles());
        assertEquals(100, t.testFiles());
        ti20 = SpeechSpecs.open("ti46:" + tree + ":vocab=20", 78, 800, 1, null);
        direct = SpeechSpecs.open("fsdd:" + fsdd, 78, 800, 1, null);
    }

    /** The FSDD recording a TI-20 utterance must have come from, worked out from its TI46 name alone. */
    private static Path source(Utterance u) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < SPEAKERS.length; i++) {
            names.put("m" + (i + 1), SPEAKERS[i]); // all FSDD speakers here are male, numbered by sorted name
        }
        int index = u.session().equals("se") ? 5 + u.token()
                : 2 * (u.session().charAt(1) - '1') + u.token();
        return fsdd.resolve("recordings/" + u.label() + "_" + names.get(u.speaker()) + "_" + index + ".wav");
    }

    @Test
    void theTi20SpecListsEveryRecordingOnceWithItsDigitAndSpeaker() {
        assertTrue(ti20.description().startsWith("TI46 ti20 " + tree + ", 100 / 100 recordings"),
                ti20.description());
        checkSplit((SpeechDataset) ti20.train(), "se", 5);
        checkSplit((SpeechDataset) ti20.test(), "s", 0);
    }

    private static void checkSplit(SpeechDataset set, String session, int firstIndex) {
        Set<String> expected = new HashSet<>();
        for (int digit = 0; digit < 10; digit++) {
            for (String s : SPEAKERS) {
                for (int i = firstIndex; i < firstIndex + 2; i++) {
                    expected.add(digit + "_" + s + "_" + i + ".wav");
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            Utterance u = set.utterance(i);
            assertTrue(u.session().startsWith(session), u.toString());
            assertEquals("0" + u.label(), u.word(), "TI-20 prompt code of digit " + u.label());
            assertEquals(u.label(), set.label(i));
            Path src = source(u);
            assertTrue(Files.isRegularFile(src), u + " maps to " + src + ", which does not exist");
            assertTrue(seen.add(src.getFileName().toString()), src + " appears twice");
        }
        assertEquals(expected, seen);
    }

    /**
     * The SPHERE audio (SoX's resampler, SoX's writer, snn4j's SPHERE reader) against the WAV (snn4j's WAV reader
     * and resampler): same rate and length, and the same waveform up to the two resamplers' different transition
     * bands (snn4j passes up to 3.34 kHz, SoX to about 3.8 kHz; speech has little energy there). Measured on these
     * 40 recordings: relative RMS difference 0.002 to 0.028, while the same recording shifted by one 12.5 kHz sample
     * differs by 0.20 to 0.61, and another recording by more than 1.
     */
    @Test
    void sphereAudioMatchesTheWavResampledIndependently() throws IOException {
        SpeechDataset set = (SpeechDataset) ti20.test();
        Resampler resampler = new Resampler();
        double worst = 0;
        for (int i = 0; i < 40; i++) {
            Utterance u = set.utterance(i);
            Audio sph = SpeechAudio.read(u.file());
            Audio wav = WavReader.read(source(u));
            assertEquals("sphere pcm", sph.sourceFormat(), u.file().toString());
            assertEquals(12_500.0, sph.sampleRate());
            Audio ref = resampler.resample(wav, 12_500);
            assertTrue(Math.abs(sph.sampleCount() - ref.sampleCount()) <= 1, u.file() + ": " + sph.sampleCount()
                    + " samples, " + ref.sampleCount() + " from the WAV");
            double d = relativeRms(sph.samples(), ref.samples(), 0);
            worst = Math.max(worst, d);
            assertTrue(d < 0.05, u.file() + ": relative RMS difference " + d);
            // the check can tell: a one-sample shift, or another recording, is far outside the tolerance
            assertTrue(relativeRms(sph.samples(), ref.samples(), 1) > 0.15, u.file() + ": shift not detected");
            Audio other = WavReader.read(source(set.utterance((i + 7) % set.size())));
            assertTrue(relativeRms(sph.samples(), resampler.resample(other, 12_500).samples(), 0) > 0.5);
        }
        assertTrue(worst > 0, "the two resamplers cannot agree bit for bit");
    }

    /**
     * The cochleagrams the two data specs compute for the same recording (ti46: the SoX-made SPHERE file at
     * 12.5 kHz; fsdd: the 8 kHz WAV, resampled inside the Lyon front-end) agree: same shape up to one frame; over the
     * channels up to 3 kHz, inside both resamplers' passbands, relative L2 difference under 0.05 (measured 0.0004 to
     * 0.024 on these 100) against more than 0.25 for another recording (measured 0.29 to 2.1); over all channels
     * under 0.25 (measured 0.012 to 0.15: the channels between 3.3 and 4 kHz, where snn4j's resampler has already
     * rolled off and SoX's has not, differ most, and the AGC lifts them in quiet recordings).
     */
    @Test
    void cochleagramsThroughBothSpecsAgree() {
        SpeechDataset t = (SpeechDataset) ti20.test();
        Map<Path, Integer> fsddIndex = new HashMap<>();
        SpeechDataset f = (SpeechDataset) direct.test();
        for (int i = 0; i < f.size(); i++) {
            fsddIndex.put(f.utterance(i).file().getFileName(), i);
        }
        for (int i = 0; i < t.size(); i++) {
            Path src = source(t.utterance(i)).getFileName();
            Integer j = fsddIndex.get(src);
            assertTrue(j != null, src + " is not in FSDD's official test split");
            assertEquals(f.label(j), t.label(i));
            Cochleagram a = t.cochleagram(i);
            Cochleagram b = f.cochleagram(j);
            assertEquals(b.channels(), a.channels());
            assertTrue(Math.abs(a.frames() - b.frames()) <= 1, src + ": " + a.frames() + " vs " + b.frames());
            double low = relativeL2(a, b, 3000);
            assertTrue(low < 0.05, src + ": cochleagram relative L2 difference up to 3 kHz " + low);
            double all = relativeL2(a, b, Double.POSITIVE_INFINITY);
            assertTrue(all < 0.25, src + ": cochleagram relative L2 difference " + all);
            double other = relativeL2(a, f.cochleagram((j + 3) % f.size()), 3000);
            assertTrue(other > 0.25, src + ": another recording differs by " + other + " only");
        }
    }

    /** RMS of (a[k] - b[k + shift]) over the common part, divided by the RMS of b. */
    private static double relativeRms(float[] a, float[] b, int shift) {
        int n = Math.min(a.length, b.length - shift);
        double diff = 0;
        double ref = 0;
        for (int k = 0; k < n; k++) {
            double e = a[k] - b[k + shift];
            diff += e * e;
            ref += (double) b[k + shift] * b[k + shift];
        }
        return Math.sqrt(diff / ref);
    }

    /**
     * L2 norm of the difference over the common frames and the channels of centre frequency up to {@code maxHz},
     * divided by the L2 norm of {@code b} there.
     */
    private static double relativeL2(Cochleagram a, Cochleagram b, double maxHz) {
        int frames = Math.min(a.frames(), b.frames());
        double diff = 0;
        double ref = 0;
        for (int c = 0; c < b.channels(); c++) {
            if (b.centreFrequencies()[c] > maxHz) {
                continue;
            }
            for (int k = 0; k < frames; k++) {
                double e = a.value(c, k) - b.value(c, k);
                diff += e * e;
                ref += (double) b.value(c, k) * b.value(c, k);
            }
        }
        return Math.sqrt(diff / ref);
    }

    @Test
    void speakersAreTheFiveFsddSpeakersAsTi46Codes() throws IOException {
        assertEquals(Map.of("george", "m1", "jackson", "m2", "lucas", "m3", "nicolas", "m4", "yweweler", "m5"),
                FsddAsTi46.speakerCodes(fsdd.resolve("speakers.csv")));
        assertEquals(List.of("ti46_file,fsdd_file", "ti20/test/m1/00m1s1t0.wav,recordings/0_george_0.wav"),
                Files.readAllLines(tree.resolve("fsdd-source.csv")).subList(0, 2));
    }
}
