package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFiles;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.data.aedat.Aedat4Reader;
import io.snn4j.testing.SharedDatasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataConvertCommandTest {
    static void assertSameEvents(EventStream a, EventStream b) {
        assertEquals(a.size(), b.size());
        assertArrayEquals(a.copyTimestampsUs(), b.copyTimestampsUs());
        assertArrayEquals(a.copyXs(), b.copyXs());
        assertArrayEquals(a.copyYs(), b.copyYs());
        assertArrayEquals(a.copyPolarities(), b.copyPolarities());
    }

    static void convert(Path in, Path out, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "data";
        args[1] = "convert";
        args[2] = in.toString();
        args[3] = "--out=" + out;
        System.arraycopy(more, 0, args, 4, more.length);
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void nmnistToAedat4ToCsvToNmnistGivesIdenticalEvents(@TempDir Path dir) throws IOException {
        Path bin = SharedDatasets.require("event-samples").resolve("nmnist_sample.bin");
        convert(bin, dir.resolve("a.aedat4"));
        convert(dir.resolve("a.aedat4"), dir.resolve("b.csv"), "--compression", "zstd");
        convert(dir.resolve("b.csv"), dir.resolve("c.bin"));
        EventFile original = EventFiles.read(bin, false);
        assertEquals(4_325, original.events().size()); // the README's count
        EventFile aedat = EventFiles.read(dir.resolve("a.aedat4"), false);
        assertEquals(EventFormat.AEDAT4, aedat.format());
        assertEquals(34, aedat.events().width());
        assertSameEvents(original.events(), aedat.events());
        assertSameEvents(original.events(), EventFiles.read(dir.resolve("b.csv"), false).events());
        assertSameEvents(original.events(), EventFiles.read(dir.resolve("c.bin"), false).events());
        assertArrayEquals(Files.readAllBytes(bin), Files.readAllBytes(dir.resolve("c.bin"))); // no overflow markers
    }

    @Test
    void dvxplorerSampleToCsvEqualsTheSamplesOwnEvents(@TempDir Path dir) throws IOException {
        Path sample = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        EventStream own = new Aedat4Reader(false).read(sample).events();
        assertEquals(111_954, own.size()); // the README's figures
        assertEquals(1_605_537_493_718_345L, own.timestampUs(0));
        assertEquals(589_917L, own.timestampUs(own.size() - 1) - own.timestampUs(0));
        convert(sample, dir.resolve("direct.csv"));
        convert(sample, dir.resolve("ours.aedat4"));
        convert(dir.resolve("ours.aedat4"), dir.resolve("via.csv"));
        EventStream direct = EventFiles.read(dir.resolve("direct.csv"), false).events();
        assertSameEvents(own, direct);
        assertSameEvents(own, EventFiles.read(dir.resolve("via.csv"), false).events());
        assertArrayEquals(Files.readAllBytes(dir.resolve("direct.csv")), Files.readAllBytes(dir.resolve("via.csv")));
        String head = new String(Files.readAllBytes(dir.resolve("direct.csv")), 0, 60, StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("t,x,y,p\n1605537493718345,"), head);
    }

    @Test
    void nmnistOutputRefusesWhatItCannotHoldAndWritesNothing(@TempDir Path dir) throws IOException {
        Path raw = SharedDatasets.require("event-samples").resolve("evt3_sample.raw");
        Path out = dir.resolve("x.bin");
        CliTest.Run r = CliTest.run("data", "convert", raw.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("N-MNIST encoding: event 0: address (874, 200) must have x in 0..255"), r.err());
        assertTrue(Files.notExists(out));
        Path csv = dir.resolve("late.csv");
        Files.writeString(csv, "t,x,y,p\n8388608,1,1,1\n");
        r = CliTest.run("data", "convert", csv.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("timestamp must be in 0..8388607 us (23-bit field), was 8388608"), r.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void triggersAreCountedAndWrittenApart(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("% evt 2.0\n% geometry 640x480\n".getBytes(StandardCharsets.US_ASCII));
        long[] words = {
            0x80000001L,                                  // time high 1: base 64 us
            (1L << 28) | (3L << 22) | (10L << 11) | 20,   // CD_ON at 67 us, (10, 20)
            (0xAL << 28) | (5L << 22) | (2L << 8) | 1,    // trigger channel 2 rising at 69 us
            (0xAL << 28) | (9L << 22) | (2L << 8),        // trigger channel 2 falling at 73 us
        };
        for (long w : words) {
            for (int k = 0; k < 4; k++) {
                b.write((int) (w >>> (8 * k)) & 0xFF);
            }
        }
        Path raw = dir.resolve("t.raw");
        Files.write(raw, b.toByteArray());
        CliTest.Run r = CliTest.run("data", "convert", raw.toString(), "--out", dir.resolve("e.csv").toString());
        assertEquals(0, r.code());
        assertTrue(r.err().contains("2 external triggers not written (use --triggers FILE.csv)"), r.err());
        convert(raw, dir.resolve("e.csv"), "--triggers", dir.resolve("trig.csv").toString());
        assertEquals("t,x,y,p\n67,10,20,1\n", Files.readString(dir.resolve("e.csv")));
        assertEquals("t,id,value\n69,2,1\n73,2,0\n", Files.readString(dir.resolve("trig.csv")));
    }

    @Test
    void malformedCsvNamesTheLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "t,x,y,p\r\n1,2,3,1\r\n2,2,3,7\r\n");
        CliTest.Run r = CliTest.run("data", "convert", csv.toString(), "--out", dir.resolve("o.aedat4").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.csv: byte 18: line 3 '2,2,3,7': p must be 0 or 1"), r.err());
        Files.writeString(csv, "x,y\n");
        r = CliTest.run("data", "info", csv.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("CSV events need the header line 't,x,y,p', found 'x,y'"), r.err());
    }
}
