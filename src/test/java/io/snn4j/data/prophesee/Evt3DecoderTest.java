package io.snn4j.data.prophesee;

import static io.snn4j.data.prophesee.RawWords.drain;
import static io.snn4j.data.prophesee.RawWords.evt3;
import static io.snn4j.data.prophesee.RawWords.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventFormat;
import io.snn4j.data.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EVT 3.0 decoding of hand-built words, one case per word type; expected values worked out by hand from the format. */
class Evt3DecoderTest {
    static final String HEADER = "% evt 3.0\n% geometry 1280x720\n";

    /** Every word type once, in the order a camera would send them. */
    static final int[] ALL_TYPES = {
        0x2005, // EVT_ADDR_X before any time high: time unknown, dropped
        0x8001, // EVT_TIME_HIGH 1: time = 1 << 12 = 4096
        0x6010, // EVT_TIME_LOW 16: time = 4112
        0x0864, // EVT_ADDR_Y, system-type bit set, y = 100
        0x2A05, // EVT_ADDR_X polarity 1, x = 0x205 = 517 -> (4112, 517, 100, 1)
        0x30C8, // VECT_BASE_X polarity 0, x = 200
        0x4805, // VECT_12 mask 0x805: bits 0, 2, 11 -> x = 200, 202, 211; base 212
        0x5F81, // VECT_8 mask 0x81 (bits 11..8 ignored): bits 0, 7 -> x = 212, 219; base 220
        0x7ABC, // CONTINUED_4: skipped
        0xE014, // OTHERS: skipped
        0xF123, // CONTINUED_12: skipped
        0xD000, // IMU: skipped
        0xA301, // EXT_TRIGGER channel 3, value 1 at 4112
        0x8002, // EVT_TIME_HIGH 2: low resets, time = 8192
        0x2003, // (8192, 3, 100, 0)
        0x6FFF, // EVT_TIME_LOW 4095: time = 12287
        0x20FF, // (12287, 255, 100, 0)
    };

    @Test
    void decodesEveryWordType() throws IOException {
        RawEventSource s = source(evt3(HEADER, ALL_TYPES), false);
        assertEquals(EventFormat.EVT3, s.format());
        assertEquals(1280, s.width());
        assertEquals(720, s.height());
        List<String> got = drain(s, 64);
        assertEquals(List.of("4112,517,100,1", "4112,200,100,0", "4112,202,100,0", "4112,211,100,0",
                "4112,212,100,0", "4112,219,100,0", "T 4112,3,1", "8192,3,100,0", "12287,255,100,0"),
                List.of(got.get(0), got.get(1), got.get(2), got.get(3), got.get(4), got.get(5), got.get(8),
                        got.get(6), got.get(7)));
        assertEquals(9, got.size());
        assertEquals(4 + 1, s.skippedPacketCount()); // four skipped word types, one word before the time base
        assertEquals(0, s.badRecordCount());
    }

    @Test
    void countsTimeHighWrapAroundsButNotSmallStepsBack() throws IOException {
        int[] words = {
            0x8FFF, 0x6FFF, 0x0001, 0x2001, // high 4095, low 4095: t = 2^24 - 1 = 16777215
            0x8000, 0x2002,                 // 4095 -> 0 drops by >= 2048: a wrap, t = 2^24 = 16777216
            0x8800, 0x2003,                 // high 2048: t = 2^24 + 2048 * 4096 = 25165824
            0x8001, 0x2004,                 // 2048 -> 1 drops by 2047 < 2048: no wrap, t = 2^24 + 4096 = 16781312
        };
        List<String> got = drain(source(evt3(HEADER, words), false), 64);
        assertEquals(List.of("16777215,1,1,0", "16777216,2,1,0", "25165824,3,1,0", "16781312,4,1,0"), got);
    }

    @Test
    void refusesOrCountsAddressesOutsideTheSensorAndReservedTypes() throws IOException {
        int[] words = {0x8000, 0x02D0, 0x2001, 0x1000}; // y = 720 on a 1280 x 720 sensor; then reserved type 0x1
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> drain(source(evt3(HEADER, words), false), 64));
        int data = HEADER.length();
        assertTrue(e.getMessage().contains("test.raw: byte " + (data + 4)), e.getMessage());
        assertTrue(e.getMessage().contains("(x = 1, y = 720) outside the 1280 x 720 sensor"), e.getMessage());
        RawEventSource lenient = source(evt3(HEADER, words), true);
        assertEquals(List.of(), drain(lenient, 64));
        assertEquals(2, lenient.badRecordCount());
        MalformedDataException r = assertThrows(MalformedDataException.class,
                () -> drain(source(evt3(HEADER, 0x8000, 0xB123), false), 64));
        assertTrue(r.getMessage().contains("byte " + (data + 2) + ": EVT 3.0 word 0xb123 has the reserved type 0xb"),
                r.getMessage());
    }

    @Test
    void refusesATrailingHalfWord() throws IOException {
        byte[] bytes = evt3(HEADER, 0x8000, 0x2001);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> drain(source(cut, false), 64));
        assertTrue(e.getMessage().contains("byte " + bytes.length + ": input ends inside a 16-bit word"),
                e.getMessage());
    }

    @Test
    void fillsSmallBatchesAndTrickledInputAlike() throws IOException {
        List<String> whole = drain(source(evt3(HEADER, ALL_TYPES), false), 1024);
        RawEventSource trickled = new RawEventSource(RawWords.trickle(new ByteArrayInputStream(evt3(HEADER,
                ALL_TYPES))), "test.raw", false);
        List<String> small = drain(trickled, 64);
        assertEquals(whole.stream().sorted().toList(), small.stream().sorted().toList());
        assertEquals(RawWords.events(whole), RawWords.events(small));
    }

    @Test
    void refusesAHeaderWithoutEncodingAndEvt21() throws IOException {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> source(evt3("% Date 2020-09-25\n", 0x8000), false));
        assertTrue(e.getMessage().contains("names no encoding"), e.getMessage());
        MalformedDataException f = assertThrows(MalformedDataException.class,
                () -> source(evt3("% format EVT21;height=720;width=1280\n", 0x8000), false));
        assertTrue(f.getMessage().contains("unsupported Prophesee RAW encoding '2.1'"), f.getMessage());
    }
}
