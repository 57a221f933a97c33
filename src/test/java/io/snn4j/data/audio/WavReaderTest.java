package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.MalformedDataException;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    @TempDir
    Path dir;

    /** A 16-byte fmt chunk (id, size and body). */
    private static Bytes fmt(Bytes b, int code, int channels, long rate, int bits) {
        int align = channels * bits / 8;
        return b.ascii("fmt ").le32(16).le16(code, channels).le32(rate, rate * align).le16(align, bits);
    }

    /** RIFF header with a correct riffSize, followed by the given chunks. */
    private static byte[] riff(Bytes chunks) {
        byte[] body = chunks.toArray();
        return new Bytes().ascii("RIFF").le32(4 + body.length).ascii("WAVE").bytes(body).toArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static void assertSamples(float[] expected, Audio audio) {
        assertArrayEquals(expected, audio.samples(), 1e-7f);
    }

    @Test
    void reads8BitUnsignedPcm() throws IOException {
        Bytes b = fmt(new Bytes(), 1, 1, 8000, 8).ascii("data").le32(3).u8(0, 128, 255).u8(0);
        Audio a = WavReader.read(write("u8.wav", riff(b)));
        // (u - 128) / 128
        assertSamples(new float[] {-1f, 0f, 127 / 128f}, a);
        assertEquals(8000, a.sampleRate());
        assertEquals(8, a.sourceBits());
        assertEquals("wav pcm", a.sourceFormat());
    }

    @Test
    void reads16BitSignedPcm() throws IOException {
        Bytes b = fmt(new Bytes(), 1, 1, 16000, 16).ascii("data").le32(8).le16(0, 16384, -32768, 32767);
        Audio a = WavReader.read(write("s16.wav", riff(b)));
        assertSamples(new float[] {0f, 0.5f, -1f, 32767 / 32768f}, a);
        assertEquals(16000, a.sampleRate());
    }

    @Test
    void reads24BitSignedPcm() throws IOException {
        Bytes b = fmt(new Bytes(), 1, 1, 44100, 24).ascii("data").le32(9).le24(0x400000, -0x800000, -1).u8(0);
        Audio a = WavReader.read(write("s24.wav", riff(b)));
        assertSamples(new float[] {0.5f, -1f, -1f / 8388608f}, a);
    }

    @Test
    void reads32BitSignedPcm() throws IOException {
        Bytes b = fmt(new Bytes(), 1, 1, 48000, 32).ascii("data").le32(8).le32(0xC0000000L, 0x20000000L);
        Audio a = WavReader.read(write("s32.wav", riff(b)));
        assertSamples(new float[] {-0.5f, 0.25f}, a);
    }

    @Test
    void reads32And64BitFloatClippingOutOfRange() throws IOException {
        Bytes b32 = fmt(new Bytes(), 3, 1, 8000, 32).ascii("data").le32(12).f32(0.25f, -2f, 1.5f);
        assertSamples(new float[] {0.25f, -1f, 1f}, WavReader.read(write("f32.wav", riff(b32))));
        Bytes b64 = fmt(new Bytes(), 3, 1, 8000, 64).ascii("data").le32(16).f64(-0.125, 0.75);
        Audio a = WavReader.read(write("f64.wav", riff(b64)));
        assertSamples(new float[] {-0.125f, 0.75f}, a);
        assertEquals("wav float", a.sourceFormat());
    }

    @Test
    void mixesStereoDownByAveraging() throws IOException {
        Bytes b = fmt(new Bytes(), 1, 2, 8000, 16).ascii("data").le32(8).le16(16384, -16384, 32767, 32767);
        Audio a = WavReader.read(write("stereo.wav", riff(b)));
        assertSamples(new float[] {0f, 32767 / 32768f}, a);
        assertEquals(2, a.sourceChannels());
    }

    @Test
    void readsExtensiblePcmAndFloat() throws IOException {
        byte[] tail = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                (byte) 0x9B, 0x71};
        Bytes pcm = new Bytes().ascii("fmt ").le32(40).le16(0xFFFE, 3).le32(8000, 8000 * 6).le16(6, 16)
                .le16(22, 16).le32(0x7).le16(1).bytes(tail)
                .ascii("data").le32(6).le16(3000, 6000, 9000);
        Audio a = WavReader.read(write("ext.wav", riff(pcm)));
        assertSamples(new float[] {6000 / 32768f}, a); // (3000 + 6000 + 9000) / 3
        assertEquals("wav extensible pcm", a.sourceFormat());
        Bytes flt = new Bytes().ascii("fmt ").le32(40).le16(0xFFFE, 1).le32(8000, 32000).le16(4, 32)
                .le16(22, 32).le32(0x4).le16(3).bytes(tail).ascii("data").le32(4).f32(-0.5f);
        assertSamples(new float[] {-0.5f}, WavReader.read(write("extf.wav", riff(flt))));
    }

    @Test
    void skipsListChunkAndHonoursPadByteOfOddChunks() throws IOException {
        // fmt, a LIST chunk of 5 bytes (+1 pad), an odd 3-byte 'junk' chunk (+1 pad), then data
        Bytes b = fmt(new Bytes(), 1, 1, 8000, 16)
                .ascii("LIST").le32(5).ascii("INFOx").u8(0)
                .ascii("junk").le32(3).u8(1, 2, 3).u8(0)
                .ascii("data").le32(4).le16(-16384, 8192);
        Audio a = WavReader.read(write("list.wav", riff(b)));
        assertSamples(new float[] {-0.5f, 0.25f}, a);
    }

    @Test
    void acceptsDataBeforeFmt() throws IOException {
        Bytes b = new Bytes().ascii("data").le32(2).le16(16384);
        fmt(b, 1, 1, 8000, 16);
        assertSamples(new float[] {0.5f}, WavReader.read(write("datafirst.wav", riff(b))));
    }

    @Test
    void emptyDataChunkGivesEmptyAudio() throws IOException {
        Bytes b = fmt(new Bytes(), 1, 1, 8000, 16).ascii("data").le32(0);
        Audio a = WavReader.read(write("empty.wav", riff(b)));
        assertEquals(0, a.sampleCount());
        assertEquals(0.0, a.durationSeconds());
    }

    private MalformedDataException fails(String name, byte[] bytes) throws IOException {
        Path p = write(name, bytes);
        return assertThrows(MalformedDataException.class, () -> WavReader.read(p));
    }

    private static void assertMessage(MalformedDataException e, String file, long offset, String problem) {
        assertEquals(file, e.source());
        assertEquals(offset, e.byteOffset());
        assertTrue(e.getMessage().startsWith(file + ": byte " + offset + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void refusesNonRiffFiles() throws IOException {
        byte[] b = new Bytes().ascii("RIFX").le32(4).ascii("WAVE").toArray();
        assertMessage(fails("rifx.wav", b), "rifx.wav", 0, "not a RIFF/WAVE file");
        byte[] avi = new Bytes().ascii("RIFF").le32(4).ascii("AVI ").toArray();
        assertMessage(fails("avi.wav", avi), "avi.wav", 0, "found 'RIFF' ... 'AVI '");
        assertMessage(fails("short.wav", new byte[] {'R', 'I'}), "short.wav", 0, "2 bytes only");
    }

    @Test
    void refusesMissingFmtOrData() throws IOException {
        byte[] noFmt = riff(new Bytes().ascii("data").le32(2).le16(1));
        assertMessage(fails("nofmt.wav", noFmt), "nofmt.wav", 22, "no 'fmt ' chunk");
        byte[] noData = riff(fmt(new Bytes(), 1, 1, 8000, 16));
        assertMessage(fails("nodata.wav", noData), "nodata.wav", 36, "no 'data' chunk");
    }

    @Test
    void refusesUnknownFormatCodeNamingIt() throws IOException {
        // 0x0055 is MPEG layer 3
        byte[] b = riff(fmt(new Bytes(), 0x55, 1, 8000, 16).ascii("data").le32(0));
        assertMessage(fails("mp3.wav", b), "mp3.wav", 20, "unsupported WAV format code 0x55 (85)");
    }

    @Test
    void refusesUnsupportedExtensibleSubFormat() throws IOException {
        Bytes b = new Bytes().ascii("fmt ").le32(40).le16(0xFFFE, 1).le32(8000, 16000).le16(2, 16)
                .le16(22, 16).le32(0x4).le16(0x55).bytes(new byte[14]).ascii("data").le32(0);
        assertMessage(fails("extmp3.wav", riff(b)), "extmp3.wav", 44, "sub-format GUID 5500");
    }

    @Test
    void reportsDataLengthLargerThanFileAndReadsItLeniently() throws IOException {
        // data chunk claims 1000 bytes, 6 bytes and a stray half sample are there
        byte[] b = riff(fmt(new Bytes(), 1, 1, 8000, 16).ascii("data").le32(1000).le16(16384, -16384, 8192).u8(7));
        Path p = write("lying.wav", b);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> WavReader.read(p));
        assertMessage(e, "lying.wav", 40, "chunk 'data' declares 1000 bytes but only 7 bytes remain");
        Audio a = WavReader.read(p, true);
        assertSamples(new float[] {0.5f, -0.5f, 0.25f}, a);
    }

    @Test
    void refusesAbsurdChunkSizeWithoutAllocating() throws IOException {
        byte[] b = riff(new Bytes().ascii("LIST").le32(0xFFFFFFF0L).u8(1, 2));
        assertMessage(fails("absurd.wav", b), "absurd.wav", 16, "declares 4294967280 bytes but only 2 bytes remain");
    }

    @Test
    void refusesBlockAlignInconsistentWithChannelsAndBits() throws IOException {
        Bytes b = new Bytes().ascii("fmt ").le32(16).le16(1, 2).le32(8000, 32000).le16(2, 16).ascii("data").le32(0);
        assertMessage(fails("align.wav", riff(b)), "align.wav", 32,
                "block align 2 is inconsistent with 2 channels x 16 bits (expected 4)");
    }

    @Test
    void refusesUnsupportedBitsAndPartialFrames() throws IOException {
        byte[] b12 = riff(fmt(new Bytes(), 1, 1, 8000, 12).ascii("data").le32(0));
        assertMessage(fails("b12.wav", b12), "b12.wav", 34, "unsupported bits per sample 12");
        byte[] partial = riff(fmt(new Bytes(), 1, 2, 8000, 16).ascii("data").le32(6).le16(1, 2, 3));
        assertMessage(fails("partial.wav", partial), "partial.wav", 40, "not a whole number of 4-byte frames");
    }

    @Test
    void refusesNanFloatSample() throws IOException {
        byte[] b = riff(fmt(new Bytes(), 3, 1, 8000, 32).ascii("data").le32(8).f32(0f, Float.NaN));
        assertMessage(fails("nan.wav", b), "nan.wav", 48, "float sample is NaN");
    }

    @Test
    @Tag("slow")
    void readsAllFsddRecordings() throws IOException {
        Path recordings = SharedDatasets.require("fsdd").resolve("recordings");
        List<Path> files;
        try (Stream<Path> s = Files.list(recordings)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        assertEquals(2500, files.size());
        long totalSamples = 0;
        int minSamples = Integer.MAX_VALUE;
        int maxSamples = 0;
        for (Path f : files) {
            Audio a = WavReader.read(f);
            assertEquals(8000.0, a.sampleRate(), f.toString());
            assertEquals(1, a.sourceChannels(), f.toString());
            assertEquals(16, a.sourceBits(), f.toString());
            assertEquals((Files.size(f) - 44) / 2, a.sampleCount(), f.toString());
            totalSamples += a.sampleCount();
            minSamples = Math.min(minSamples, a.sampleCount());
            maxSamples = Math.max(maxSamples, a.sampleCount());
        }
        // Counted independently with Python's wave module over the same 2,500 files: 8,942,975 samples = 1117.87 s
        // (mean 0.447 s), shortest 1,148 samples (0.1435 s), longest 10,504 samples (1.313 s). The folder README's
        // "mean 0.437 s, up to 2.283 s" matches neither; its per-speaker means do average to 0.447 s.
        assertEquals(8_942_975L, totalSamples);
        assertEquals(1148, minSamples);
        assertEquals(10504, maxSamples);
    }
}
