package io.snn4j.data.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.data.dataset.Prefetcher;
import io.snn4j.data.dataset.Sample;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechDatasetTest {
    @TempDir
    Path dir;

    /** An FSDD-like tree of 12 recordings: digits 0..3, speakers ann/bob/cy, tones of different pitch and length. */
    private Listing corpus() throws IOException {
        String[] speakers = {"ann", "bob", "cy"};
        for (int d = 0; d < 4; d++) {
            for (int s = 0; s < 3; s++) {
                short[] x = AudioFixtures.tone(800 + 160 * d + 40 * s, 8000, 200 + 100 * d);
                AudioFixtures.write(dir.resolve("recordings/" + d + "_" + speakers[s] + "_" + s + ".wav"),
                        AudioFixtures.wav(x, 8000));
            }
        }
        return Fsdd.list(dir);
    }

    private static SpeechDataset dataset(Listing l, AudioFixtures.EnergyFrontEnd fe, long seed) {
        return SpeechDataset.of(l.utterances(), fe, new AudioFixtures.RandomEncoder(5), 60, seed, true);
    }

    @Test
    void loadsSpikesOfTheRightShapeAndLabels() throws IOException {
        Listing l = corpus();
        SpeechDataset ds = dataset(l, new AudioFixtures.EnergyFrontEnd(3, 80), 7);
        assertEquals(12, ds.size());
        assertEquals(3, ds.channelCount());
        assertEquals(60, ds.tickCount());
        assertArrayEquals(l.labels(), new int[] {ds.label(0), ds.label(1), ds.label(2), ds.label(3), ds.label(4),
                ds.label(5), ds.label(6), ds.label(7), ds.label(8), ds.label(9), ds.label(10), ds.label(11)});
        // 0_ann_0: 800 samples -> 10 frames of 80 samples; mean |x| of a 0.5-amplitude 200 Hz sine over whole
        // periods (40 samples) is 0.5 * 2 / pi = 0.3183; channel c holds (c + 1) times that
        Cochleagram c = ds.cochleagram(0);
        assertEquals(10, c.frames());
        assertEquals(0.5 * 2 / Math.PI, c.value(0, 3), 2e-3);
        assertEquals(3 * 0.5 * 2 / Math.PI, c.value(2, 3), 6e-3);
        InputSpikes s = ds.load(0);
        assertTrue(s.size() > 0);
        assertTrue(s.lastTick() < 50, "10 frames x 5 ticks, was " + s.lastTick());
    }

    @Test
    void sameSeedSameSpikesOnAnyThreadOtherSeedOtherSpikes() throws IOException {
        Listing l = corpus();
        SpeechDataset a = dataset(l, new AudioFixtures.EnergyFrontEnd(3, 80), 7);
        SpeechDataset b = dataset(l, new AudioFixtures.EnergyFrontEnd(3, 80), 7);
        SpeechDataset other = dataset(l, new AudioFixtures.EnergyFrontEnd(3, 80), 8);
        List<InputSpikes> serial = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            serial.add(a.load(i));
        }
        int[] reversed = new int[b.size()];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = reversed.length - 1 - i;
        }
        try (Prefetcher p = Prefetcher.start(b, reversed, 3, 6)) {
            for (int i : reversed) {
                Sample sample = p.next();
                assertEquals(i, sample.index());
                assertArrayEquals(serial.get(i).ticks(), sample.spikes().ticks(), "sample " + i);
                assertArrayEquals(serial.get(i).channels(), sample.spikes().channels(), "sample " + i);
            }
        }
        int differ = 0;
        for (int i = 0; i < other.size(); i++) {
            differ += java.util.Arrays.equals(serial.get(i).ticks(), other.load(i).ticks()) ? 0 : 1;
        }
        assertNotEquals(0, differ);
    }

    @Test
    void cachedCochleagramsAreComputedOncePerRecording() throws IOException {
        Listing l = corpus();
        AudioFixtures.EnergyFrontEnd fe = new AudioFixtures.EnergyFrontEnd(2, 80);
        SpeechDataset cached = dataset(l, fe, 1);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = 0; i < cached.size(); i++) {
                cached.load(i);
            }
        }
        assertEquals(12, fe.calls.get());
        AudioFixtures.EnergyFrontEnd fe2 = new AudioFixtures.EnergyFrontEnd(2, 80);
        SpeechDataset uncached = SpeechDataset.of(l.utterances(), fe2, new AudioFixtures.RandomEncoder(5), 60, 1,
                false);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < uncached.size(); i++) {
                assertArrayEquals(cached.load(i).ticks(), uncached.load(i).ticks());
            }
        }
        assertEquals(24, fe2.calls.get());
    }

    private UncheckedIOException failsAt(Listing l, String fileName) {
        SpeechDataset ds = dataset(l, new AudioFixtures.EnergyFrontEnd(2, 80), 1);
        int index = -1;
        for (int i = 0; i < ds.size(); i++) {
            if (ds.utterance(i).file().getFileName().toString().equals(fileName)) {
                index = i;
            }
        }
        int at = index;
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ds.load(at));
        assertTrue(e.getMessage().startsWith("speech data set, sample " + at + " (" + ds.utterance(at).file()
                + "): "), e.getMessage());
        return e;
    }

    @Test
    void aBadFileIsReportedNamingTheFile() throws IOException {
        corpus();
        Path rec = dir.resolve("recordings");
        // a WAV whose data chunk claims 4000 bytes but holds 200
        byte[] lying = AudioFixtures.wav(AudioFixtures.tone(100, 8000, 300), 8000);
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 4000);
        Files.write(rec.resolve("5_ann_1.wav"), lying);
        // format code 2 (MS ADPCM)
        byte[] adpcm = AudioFixtures.wav(AudioFixtures.tone(100, 8000, 300), 8000);
        ByteBuffer.wrap(adpcm).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 2);
        Files.write(rec.resolve("6_ann_1.wav"), adpcm);
        // zero-length audio
        Files.write(rec.resolve("7_ann_1.wav"), AudioFixtures.wav(new short[0], 8000));
        // SPHERE without end_head
        byte[] sph = AudioFixtures.sphere(AudioFixtures.tone(100, 8000, 300), 8000);
        String head = new String(sph, 0, 1024, java.nio.charset.StandardCharsets.ISO_8859_1).replace("end_head\n",
                "         ");
        System.arraycopy(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, sph, 0, 1024);
        Files.write(rec.resolve("8_ann_1.wav"), sph);
        Listing l = Fsdd.list(dir);

        String lie = failsAt(l, "5_ann_1.wav").getMessage();
        assertTrue(lie.contains("5_ann_1.wav: byte 40:") && lie.contains("4000"), lie);
        String code = failsAt(l, "6_ann_1.wav").getMessage();
        assertTrue(code.contains("6_ann_1.wav: byte") && code.contains("format"), code);
        String zero = failsAt(l, "7_ann_1.wav").getMessage();
        assertTrue(zero.endsWith("zero-length audio, the recording has no samples"), zero);
        String noEnd = failsAt(l, "8_ann_1.wav").getMessage();
        assertTrue(noEnd.contains("8_ann_1.wav: byte") && noEnd.contains("end_head"), noEnd);
    }

    @Test
    void rejectsBadArguments() throws IOException {
        Listing l = corpus();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpeechDataset.of(
                l.utterances(), new AudioFixtures.EnergyFrontEnd(2, 80), new AudioFixtures.RandomEncoder(5), 0, 1,
                true));
        assertEquals("speech data set: ticks must be >= 1, was 0", e.getMessage());
        SpeechDataset ds = dataset(l, new AudioFixtures.EnergyFrontEnd(2, 80), 1);
        assertThrows(IndexOutOfBoundsException.class, () -> ds.load(12));
    }

    @Test
    void realDigitsThroughLyonAndBsaGiveTheSameSpikesOnAnyThread() throws IOException {
        Listing all = Fsdd.list(io.snn4j.testing.SharedDatasets.require("fsdd"));
        java.util.List<Utterance> some = all.utterances().subList(0, 8); // george, index 0, digits 0..7
        io.snn4j.data.audio.LyonEar ear = new io.snn4j.data.audio.LyonEar(
                io.snn4j.data.audio.LyonConfig.reference());
        io.snn4j.data.encode.BsaEncoder bsa = io.snn4j.data.encode.BsaEncoder.reference();
        SpeechDataset serial = SpeechDataset.of(some, ear, bsa, 500, 3, false);
        SpeechDataset parallel = SpeechDataset.of(some, ear, bsa, 500, 3, true);
        assertEquals(78, serial.channelCount());
        int[] order = {7, 6, 5, 4, 3, 2, 1, 0};
        try (Prefetcher p = Prefetcher.start(parallel, order, 2, 4)) {
            for (int i : order) {
                InputSpikes s = serial.load(i);
                Sample sample = p.next();
                assertArrayEquals(s.ticks(), sample.spikes().ticks(), "sample " + i);
                assertArrayEquals(s.channels(), sample.spikes().channels(), "sample " + i);
                // the spikes are the BSA encoding of the Lyon cochleagram of the file, cut at 500 ticks
                Cochleagram c = ear.apply(SpeechAudio.read(some.get(i).file()));
                InputSpikes direct = bsa.encode(c, 500, 3, i);
                assertArrayEquals(direct.ticks(), s.ticks(), "sample " + i);
                assertTrue(s.size() > 0 && s.lastTick() < Math.min(500, c.frames() * 10), "sample " + i);
            }
        }
    }
}
