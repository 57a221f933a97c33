package io.snn4j.data.aedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Lz4FramesTest {
    @Test
    void xxHash32AgreesWithLz4JavaForAllLengthsUpTo100() {
        byte[] data = new byte[100];
        new SplittableRandom(7).nextBytes(data);
        for (int len = 0; len <= 100; len++) {
            for (int seed : new int[] {0, 0x9747b28c}) {
                int expected = XXHashFactory.safeInstance().hash32().hash(data, 0, len, seed);
                assertEquals(expected, XxHash32.hash(data, 0, len, seed), "length " + len + ", seed " + seed);
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 15, 16, 17, 4096, 65_536, 65_537, 300_000})
    void decodesFramesWrittenByLz4Java(int size) throws Exception {
        // half random, half repetitive, so both literal runs and (overlapping) matches occur
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        for (int i = size / 2; i < size; i++) {
            data[i] = (byte) (i % 7);
        }
        for (LZ4FrameOutputStream.FLG.Bits[] flags : new LZ4FrameOutputStream.FLG.Bits[][] {
                {LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE},
                {LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
                        LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM}}) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (LZ4FrameOutputStream lz = new LZ4FrameOutputStream(bos, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    flags)) {
                lz.write(data);
            }
            byte[] frame = bos.toByteArray();
            assertArrayEquals(data, decode(frame), Arrays.toString(flags));
        }
    }

    @Test
    void decodesLinkedBlocksWhoseMatchesReachIntoThePreviousBlock() throws Exception {
        // FLG 0x40: version 01, linked blocks, no checksums; BD 0x40: 64 KB blocks
        byte[] descriptor = {0x40, 0x40};
        int hc = (XxHash32.hash(descriptor, 0, 2, 0) >>> 8) & 0xFF;
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {0x04, 0x22, 0x4D, 0x18, 0x40, 0x40, (byte) hc});
        // block 1, stored (bit 31): "abcdefgh"
        f.writeBytes(new byte[] {8, 0, 0, (byte) 0x80});
        f.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
        // block 2, compressed: token 0x04 (0 literals, match 4 + 4 = 8), offset 8 -> "abcdefgh" from block 1;
        // then token 0x10 (1 literal) 'z' as the last sequence
        f.writeBytes(new byte[] {5, 0, 0, 0, 0x04, 0x08, 0x00, 0x10, 'z'});
        f.writeBytes(new byte[] {0, 0, 0, 0});
        byte[] out = decode(f.toByteArray());
        assertEquals("abcdefghabcdefghz", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void rejectsMalformedFrames() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream lz = new LZ4FrameOutputStream(bos)) {
            lz.write("hello hello hello hello hello".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] good = bos.toByteArray();
        byte[] badMagic = good.clone();
        badMagic[0] = 0;
        assertProblem(badMagic, "not an LZ4 frame");
        byte[] badHeaderChecksum = good.clone();
        badHeaderChecksum[6] ^= 1;
        assertProblem(badHeaderChecksum, "header checksum");
        assertProblem(Arrays.copyOf(good, good.length - 5), "runs past the end");
        assertProblem(Arrays.copyOf(good, good.length - 2), "input ends inside the block size");
        byte[] hugeBlock = good.clone();
        hugeBlock[7] = (byte) 0xFF;
        hugeBlock[8] = (byte) 0xFF;
        hugeBlock[9] = 0x0F;
        assertProblem(hugeBlock, "runs past the end");
        Exception e = assertThrows(Lz4Frames.Lz4FormatException.class,
                () -> Lz4Frames.decompress(good, good.length, 10));
        assertTrue(e.getMessage().contains("exceeds 10 bytes"), e.getMessage());
    }

    private static void assertProblem(byte[] frame, String part) {
        Lz4Frames.Lz4FormatException e = assertThrows(Lz4Frames.Lz4FormatException.class, () -> decode(frame));
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
    }

    private static byte[] decode(byte[] frame) throws Lz4Frames.Lz4FormatException {
        return Lz4Frames.decompress(frame, frame.length, 1 << 24);
    }
}
