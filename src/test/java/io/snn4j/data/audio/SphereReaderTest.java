package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SphereReaderTest {
    @TempDir
    Path dir;

    /** A 1024-byte header: NIST_1A, "   1024", the given lines, end_head, then blanks. */
    private static Bytes header(String... lines) {
        StringBuilder sb = new StringBuilder("NIST_1A\n   1024\n");
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        sb.append("end_head\n");
        while (sb.length() < 1024) {
            sb.append(' ');
        }
        return new Bytes().ascii(sb.toString());
    }

    private Path write(String name, Bytes b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b.toArray());
        return p;
    }

    private MalformedDataException fails(String name, Bytes b) throws IOException {
        Path p = write(name, b);
        return assertThrows(MalformedDataException.class, () -> SphereReader.read(p));
    }

    private static void assertMessage(MalformedDataException e, String file, long offset, String problem) {
        assertEquals(file, e.source());
        assertEquals(offset, e.byteOffset());
        assertTrue(e.getMessage().startsWith(file + ": byte " + offset + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void readsLittleEndian16Bit() throws IOException {
        Bytes b = header("sample_rate -i 16000", "sample_count -i 3", "sample_n_bytes -i 2", "channel_count -i 1",
                "sample_byte_format -s2 01", "sample_coding -s3 pcm").le16(16384, -32768, 32767);
        Audio a = SphereReader.read(write("le.sph", b));
        assertArrayEquals(new float[] {0.5f, -1f, 32767 / 32768f}, a.samples(), 1e-7f);
        assertEquals(16000, a.sampleRate());
        assertEquals(16, a.sourceBits());
        assertEquals("sphere pcm", a.sourceFormat());
    }

    @Test
    void readsBigEndian16BitWithCodingAbsent() throws IOException {
        Bytes b = header("sample_rate -i 20000", "sample_count -i 2", "sample_n_bytes -i 2",
                "sample_byte_format -s2 10").be16(-8192, 4096).u8(9, 9); // two trailing bytes are ignored
        Audio a = SphereReader.read(write("be.sph", b));
        assertArrayEquals(new float[] {-0.25f, 0.125f}, a.samples(), 1e-7f);
        assertEquals(20000, a.sampleRate());
    }

    @Test
    void reads8BitSignedPcm() throws IOException {
        Bytes b = header("sample_rate -i 8000", "sample_count -i 3", "sample_n_bytes -i 1",
                "sample_byte_format -s1 1").u8(64, 0x80, 0xFF);
        Audio a = SphereReader.read(write("s8.sph", b));
        assertArrayEquals(new float[] {0.5f, -1f, -1f / 128}, a.samples(), 1e-7f);
    }

    @Test
    void mixesTwoChannelsDown() throws IOException {
        Bytes b = header("sample_rate -i 8000", "sample_count -i 2", "sample_n_bytes -i 2", "channel_count -i 2",
                "sample_byte_format -s2 01").le16(16384, 0, -16384, -16384);
        Audio a = SphereReader.read(write("stereo.sph", b));
        assertArrayEquals(new float[] {0.25f, -0.5f}, a.samples(), 1e-7f);
        assertEquals(2, a.sourceChannels());
    }

    @Test
    void takesSampleCountFromBodyWhenAbsentAndReadsRealRate() throws IOException {
        Bytes b = header("sample_rate -r 11025.0", "sample_n_bytes -i 2", "sample_byte_format -s2 01").le16(1, 2, 3);
        Audio a = SphereReader.read(write("nocount.sph", b));
        assertEquals(3, a.sampleCount());
        assertEquals(11025.0, a.sampleRate());
    }

    @Test
    void decodesMuLaw() throws IOException {
        // G.711: 0xFF is +0; 0x80 is +32124 and 0x00 is -32124 (exponent 7, mantissa 15: ((15 << 3) + 132) << 7 - 132)
        Bytes b = header("sample_rate -i 8000", "sample_count -i 4", "sample_n_bytes -i 1",
                "sample_coding -s4 ulaw").u8(0xFF, 0x80, 0x00, 0xFE);
        Audio a = SphereReader.read(write("ulaw.sph", b));
        // 0xFE: ~ -> 0x01, exponent 0, mantissa 1: ((1 << 3) + 132) - 132 = 8
        assertArrayEquals(new float[] {0f, 32124 / 32768f, -32124 / 32768f, 8 / 32768f}, a.samples(), 1e-7f);
        assertEquals("sphere ulaw", a.sourceFormat());
    }

    @Test
    void refusesShortenNamingTheDecompressor() throws IOException {
        Bytes b = header("sample_rate -i 16000", "sample_count -i 3", "sample_n_bytes -i 2",
                "sample_byte_format -s2 01", "sample_coding -s26 pcm,embedded-shorten-v2.00").ascii("ajkg").u8(2, 0);
        // the sample_coding line starts at byte 16 + 21 + 18 + 20 + 26 = 101
        MalformedDataException e = fails("shorten.sph", b);
        assertMessage(e, "shorten.sph", 101, "shorten-compressed SPHERE is not supported");
        assertTrue(e.getMessage().contains("sph2pipe"), e.getMessage());
    }

    @Test
    void refusesMissingEndHead() throws IOException {
        StringBuilder sb = new StringBuilder("NIST_1A\n   1024\nsample_rate -i 8000\n");
        while (sb.length() < 1024) {
            sb.append(' ');
        }
        Bytes b = new Bytes().ascii(sb.toString()).le16(1);
        assertMessage(fails("noend.sph", b), "noend.sph", 1024, "without its 'end_head' marker");
    }

    @Test
    void refusesBadHeaderSizeLine() throws IOException {
        Bytes nan = new Bytes().ascii("NIST_1A\n   1O24\nend_head\n");
        assertMessage(fails("nan.sph", nan), "nan.sph", 8, "header size line must be a number, was '1O24'");
        Bytes big = new Bytes().ascii("NIST_1A\n   4096\nend_head\n");
        assertMessage(fails("big.sph", big), "big.sph", 8, "header size 4096 is larger than the file (25 bytes)");
        Bytes notSphere = new Bytes().ascii("RIFF....WAVE");
        assertMessage(fails("riff.sph", notSphere), "riff.sph", 0, "not a NIST SPHERE file");
    }

    @Test
    void refusesSampleCountLargerThanBody() throws IOException {
        Bytes b = header("sample_rate -i 8000", "sample_count -i 4", "sample_n_bytes -i 2", "channel_count -i 2",
                "sample_byte_format -s2 01").le16(1, 2, 3, 4, 5);
        // sample_count line at 16 + 20 = 36
        assertMessage(fails("short.sph", b), "short.sph", 36,
                "sample_count 4 x 2 bytes x 2 channels = 16 bytes is larger than the 10-byte body at byte 1024");
    }

    @Test
    void refusesAbsurdSampleCountWithoutAllocating() throws IOException {
        Bytes b = header("sample_rate -i 8000", "sample_count -i 9223372036854775807", "sample_n_bytes -i 2",
                "sample_byte_format -s2 01").le16(1);
        assertMessage(fails("huge.sph", b), "huge.sph", 36,
                "sample_count 9223372036854775807 x 2 bytes x 1 channels = 18446744073709551614 bytes is larger than"
                        + " the 2-byte body");
    }

    @Test
    void refusesUnknownByteFormatAndCoding() throws IOException {
        Bytes bf = header("sample_rate -i 8000", "sample_n_bytes -i 2", "sample_byte_format -s12 shortpack-v0");
        assertMessage(fails("pack.sph", bf), "pack.sph", 56, "unsupported sample_byte_format 'shortpack-v0'");
        Bytes alaw = header("sample_rate -i 8000", "sample_n_bytes -i 1", "sample_coding -s4 alaw");
        assertMessage(fails("alaw.sph", alaw), "alaw.sph", 56, "unsupported sample_coding 'alaw'");
        Bytes bad = header("sample_rate -i fast");
        assertMessage(fails("rate.sph", bad), "rate.sph", 16, "sample_rate must be a number, was 'fast'");
    }
}
