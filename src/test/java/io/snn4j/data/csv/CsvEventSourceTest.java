package io.snn4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventBatch;
import io.snn4j.data.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvEventSourceTest {
    static CsvEventSource source(String text, boolean lenient) throws IOException {
        return new CsvEventSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "e.csv", lenient);
    }

    static List<String> drain(CsvEventSource s) throws IOException {
        List<String> out = new ArrayList<>();
        EventBatch b = new EventBatch(64, 1);
        while (s.read(b)) {
            for (int i = 0; i < b.size(); i++) {
                out.add(b.timestampsUs()[i] + "," + b.xs()[i] + "," + b.ys()[i] + "," + b.polarities()[i]);
            }
        }
        return out;
    }

    @Test
    void readsLfAndCrlfLinesEmptyLinesSpacesAndALastLineWithoutEnd() throws IOException {
        assertEquals(List.of("-5,0,1,1", "1605537493718345,32767,2,0", "7,3,4,1"),
                drain(source("t, x, y, p\r\n-5,0,1,1\r\n\r\n1605537493718345, 32767 ,2,0\n7,3,4,1", false)));
    }

    @Test
    void refusesOrCountsMalformedLines() throws IOException {
        String text = "t,x,y,p\n1,2,3\n1,2,3,1,5\n1,40000,3,1\n1,a,3,1\n2,2,2,1\n";
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> drain(source(text, false)));
        assertTrue(e.getMessage().contains("e.csv: byte 8: line 2 '1,2,3': expected 4 integers t,x,y,p"),
                e.getMessage());
        CsvEventSource lenient = source(text, true);
        assertEquals(List.of("2,2,2,1"), drain(lenient));
        assertEquals(4, lenient.badRecordCount());
    }

    @Test
    void writerAndReaderAgreeOnEveryValue() throws IOException {
        EventBatch b = new EventBatch(64, 4);
        b.add(Long.MAX_VALUE, 32767, 0, 1);
        b.add(-1, 0, 32767, 0);
        b.add(0, 5, 6, 1);
        b.addTrigger(42, 31, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvEventWriter w = new CsvEventWriter(bytes);
        w.write(b);
        w.finish();
        assertEquals("t,x,y,p\n9223372036854775807,32767,0,1\n-1,0,32767,0\n0,5,6,1\n",
                bytes.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of("9223372036854775807,32767,0,1", "-1,0,32767,0", "0,5,6,1"),
                drain(source(bytes.toString(StandardCharsets.US_ASCII), false)));
        ByteArrayOutputStream trig = new ByteArrayOutputStream();
        CsvEventWriter.forTriggers(trig).writeTriggers(b);
        assertEquals("t,id,value\n42,31,1\n", trig.toString(StandardCharsets.US_ASCII));
    }
}
