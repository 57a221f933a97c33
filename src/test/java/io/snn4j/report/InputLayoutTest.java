package io.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.network.Shape;
import org.junit.jupiter.api.Test;

class InputLayoutTest {
    @Test
    void flatNmnistInputIsReadAsTheReferenceSensorLayout() {
        InputLayout l = InputLayout.of(Shape.flat(2312), "direct", 0, 0);
        assertEquals(2, l.planes());
        assertEquals(34, l.width());
        assertEquals(34, l.height());
        ChannelLayout n = ChannelLayout.nmnist();
        for (int x = 0; x < 34; x += 11) {
            for (int y = 0; y < 34; y += 7) {
                assertEquals(n.channel(x, y, 1), l.channel(0, x, y));
                assertEquals(n.channel(x, y, 0), l.channel(1, x, y));
            }
        }
        // x * 34 + y, + 1156 for OFF (hm2bp-spec 7.2, 0-based)
        assertEquals(3 * 34 + 5, l.channel(0, 3, 5));
        assertEquals(3 * 34 + 5 + 1156, l.channel(1, 3, 5));
        assertEquals("ON", l.planeName(0));
        assertEquals("OFF", l.planeName(1));
    }

    @Test
    void theModelsInputEncodingWinsOverTheShape() {
        InputLayout l = InputLayout.of(new Shape(2, 10, 10), "xy_on_off", 10, 10);
        assertEquals(InputLayout.Kind.SENSOR, l.kind());
        assertEquals(2 * 10 + 7 + 100, l.channel(1, 2, 7));
    }

    @Test
    void imageShapesAreRowMajorAndOtherFlatInputsWrap() {
        InputLayout mnist = InputLayout.of(new Shape(1, 28, 28), "direct", 0, 0);
        assertEquals(InputLayout.Kind.SHAPE, mnist.kind());
        assertEquals(5 * 28 + 3, mnist.channel(0, 3, 5));
        InputLayout two = InputLayout.of(new Shape(2, 3, 4), "", 0, 0);
        assertEquals(12 + 2 * 4 + 1, two.channel(1, 1, 2));
        InputLayout wrapped = InputLayout.of(Shape.flat(10), "direct", 0, 0);
        assertEquals(4, wrapped.width());
        assertEquals(3, wrapped.height());
        assertEquals(9, wrapped.channel(0, 1, 2));
        assertEquals(-1, wrapped.channel(0, 2, 2));
    }
}
