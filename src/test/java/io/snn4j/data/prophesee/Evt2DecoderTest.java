package io.snn4j.data.prophesee;

import static io.snn4j.data.prophesee.RawWords.drain;
import static io.snn4j.data.prophesee.RawWords.evt2;
import static io.snn4j.data.prophesee.RawWords.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventFormat;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EVT 2.0 decoding of hand-built words, one case per word type; expected values worked out by hand from the format. */
class Evt2DecoderTest {
    static final String HEADER = "% plugin_name hal_plugin_gen3_fx3\n% evt 2.0\n";

    static long cd(int polarity, int timeLow, int x, int y) {
        return ((long) polarity << 28) | ((long) timeLow << 22) | ((long) x << 11) | y;
    }

    @Test
    void decodesEveryWordType() throws IOException {
        long[] words = {
            cd(1, 1, 2, 3),                                 // CD before any time high: dropped
            0x80000010L,                                    // EVT_TIME_HIGH 16: base = 16 << 6 = 1024 us
            cd(1, 5, 600, 400),                             // CD_ON: (1029, 600, 400, 1)
            cd(0, 63, 0, 479),                              // CD_OFF: (1087, 0, 479, 0)
            (0xAL << 28) | (7L << 22) | (17L << 8) | 1,    // EXT_TRIGGER channel 17, value 1 at 1031
            0xD0000000L, 0xE0000000L, 0xF0000000L,          // IMU, OTHERS, CONTINUED: skipped
        };
        RawEventSource s = source(evt2(HEADER, words), false);
        assertEquals(EventFormat.EVT2, s.format());
        assertEquals(640, s.width()); // Gen3 plugin
        assertEquals(480, s.height());
        assertEquals(List.of("1029,600,400,1", "1087,0,479,0", "T 1031,17,1"), drain(s, 64));
        assertEquals(3 + 1, s.skippedPacketCount());
    }

    @Test
    void countsTimeHighWrapArounds() throws IOException {
        long[] words = {
            0x8FFFFFFFL, cd(1, 1, 0, 0), // base (2^28 - 1) << 6 = 17179869120: t = 17179869121
            0x80000000L, cd(1, 2, 0, 0), // back to 0 by the whole range: a wrap, base 2^34 = 17179869184
            0x80000001L, cd(1, 0, 0, 0), // t = 2^34 + 64
        };
        assertEquals(List.of("17179869121,0,0,1", "17179869186,0,0,1", "17179869248,0,0,1"),
                drain(source(evt2(HEADER, words), false), 64));
    }

    @Test
    void refusesOrCountsAddressesOutsideTheSensorAndReservedTypes() throws IOException {
        long[] words = {0x80000000L, cd(1, 0, 640, 0), 0x20000000L};
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> drain(source(evt2(HEADER, words), false), 64));
        assertTrue(e.getMessage().contains("byte " + (HEADER.length() + 4) + ": event address (x = 640, y = 0) "
                + "outside the 640 x 480 sensor"), e.getMessage());
        RawEventSource lenient = source(evt2(HEADER, words), true);
        assertEquals(List.of(), drain(lenient, 64));
        assertEquals(2, lenient.badRecordCount());
    }

    @Test
    void readsTheGeometryOfANewerHeader() throws IOException {
        RawEventSource s = source(evt2("% format EVT2;height=240;width=304\n% end\n", 0x80000000L,
                cd(0, 0, 303, 239)), false);
        assertEquals(304, s.width());
        assertEquals(240, s.height());
        assertEquals(List.of("0,303,239,0"), drain(s, 64));
    }
}
