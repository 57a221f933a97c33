package io.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {
    @TempDir
    Path tmp;

    @Test
    void detectsNmnistByNameAndReadsLeniently() throws IOException {
        // 0x05 0x07 0x80 0x01 0x02: x 5, y 7, ON, t 258 us; then x = 99 (outside 34 x 34)
        byte[] bytes = {0x05, 0x07, (byte) 0x80, 0x01, 0x02, 99, 1, 0, 0, 9};
        Path bs2 = Files.write(tmp.resolve("12.bs2"), bytes);
        assertEquals(Optional.of(EventFormat.NMNIST), EventFiles.detect(bs2));
        EventFile file = EventFiles.read(bs2, true);
        assertEquals(EventFormat.NMNIST, file.format());
        assertEquals(1, file.events().size());
        assertEquals(1, file.badRecordCount());
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> EventFiles.read(bs2, false));
        assertTrue(e.getMessage().contains("12.bs2: byte 5"), e.getMessage());
    }

    @Test
    void readsAedat31AndRefusesOtherAedatVersionsAndUnknownFilesNamingTheFile() throws IOException {
        Path v2 = Files.writeString(tmp.resolve("rec.aedat"), "#!AER-DAT2.0\r\n# HardwareInterface: x\r\n",
                StandardCharsets.US_ASCII);
        assertEquals(Optional.empty(), EventFiles.detect(v2));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> EventFiles.read(v2, false));
        assertTrue(e.getMessage().contains("rec.aedat: byte 0: unsupported format"), e.getMessage());
        assertTrue(e.getMessage().contains("#!AER-DAT2.0"), e.getMessage());
        Path v31 = Files.writeString(tmp.resolve("gesture.aedat"), "#!AER-DAT3.1\r\n#!END-HEADER\r\n");
        assertEquals(Optional.of(EventFormat.AEDAT31), EventFiles.detect(v31));
        assertEquals(0, EventFiles.read(v31, false).events().size());
        Path txt = Files.writeString(tmp.resolve("notes.txt"), "hello");
        e = assertThrows(MalformedDataException.class, () -> EventFiles.read(txt, false));
        assertTrue(e.getMessage().contains("notes.txt: byte 0: unsupported format"), e.getMessage());
    }

    @Test
    void csvAddressOf32767NeedsATooLargeSensorAndIsRefusedNamingTheFile() throws IOException {
        // Found by fuzzing: the CSV format allows x = 32767, but the inferred sensor (32768 wide) does not fit an
        // event stream; this used to be an IllegalArgumentException without the file name.
        Path f = Files.writeString(tmp.resolve("wide.csv"), "t,x,y,p\n0,32767,3,1\n5,1,2,0\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> EventFiles.read(f, false));
        assertEquals(f + ": the file gives no sensor size and its largest address (x = 32767, y = 3) needs one of "
                + "32768 x 4, more than the 32767 x 32767 an event stream holds", e.getMessage());
        Path ok = Files.writeString(tmp.resolve("ok.csv"), "t,x,y,p\n0,32766,3,1\n");
        assertEquals(32767, EventFiles.read(ok, false).events().width());
    }

    @Test
    void detectsAedat4ByVersionLineWhateverTheName() throws IOException {
        Path sample = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        Path renamed = Files.copy(sample, tmp.resolve("recording.bin"));
        assertEquals(Optional.of(EventFormat.AEDAT4), EventFiles.detect(renamed));
        EventFile file = EventFiles.read(renamed, false);
        assertEquals(111_954, file.events().size());
        EventStats s = EventStats.of(file.events());
        assertEquals(589_917L, s.durationUs());
        assertEquals(0, s.backwardSteps());
    }

    @Test
    void statsOfHandBuiltStream() {
        EventStream s = EventStream.of(4, 3, new long[] {10, 5, 30}, new short[] {0, 3, 1}, new short[] {2, 0, 1},
                new byte[] {1, 0, 1});
        EventStats st = EventStats.of(s);
        assertEquals(3, st.count());
        assertEquals(2, st.onCount());
        assertEquals(1, st.offCount());
        assertEquals(20L, st.durationUs()); // 30 - 10: first and last in file order
        assertEquals(0, st.minX());
        assertEquals(3, st.maxX());
        assertEquals(0, st.minY());
        assertEquals(2, st.maxY());
        assertEquals(1, st.backwardSteps()); // 10 -> 5
        assertEquals(2.0 / 3.0, st.onFraction(), 1e-12);
        EventStats empty = EventStats.of(EventStream.of(1, 1, new long[0], new short[0], new short[0], new byte[0]));
        assertEquals(0, empty.count());
        assertTrue(Double.isNaN(empty.onFraction()));
    }
}
