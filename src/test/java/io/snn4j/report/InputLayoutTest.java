package io.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.InputEncodingProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.network.Shape;
import io.snn4j.pipeline.InputPipelines;
import org.junit.jupiter.api.Test;

class InputLayoutTest {
    private static final InputPipelineProto NO_PIPELINE = InputPipelineProto.getDefaultInstance();
    private static final InputEncodingProto NO_ENCODING = InputEncodingProto.getDefaultInstance();

    /** Both the model's N-MNIST pipeline and a flat model without one map pixels as the reference converter. */
    @Test
    void nmnistInputIsTheReferenceSensorLayout() {
        for (InputLayout l : new InputLayout[] {InputLayout.of(Shape.flat(2312), NO_PIPELINE, NO_ENCODING),
                InputLayout.of(Shape.flat(2312), InputPipelines.nmnist(), NO_ENCODING)}) {
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
        assertTrue(InputLayout.of(Shape.flat(2312), InputPipelines.nmnist(), NO_ENCODING).description()
                .contains("input pipeline"));
    }

    /** Crop 20 x 10 from (4, 4), downsample 3: 7 x 4 pixels, row-major, polarities merged. */
    @Test
    void croppedDownsampledRowMajorPipeline() {
        InputPipelineProto p = InputPipelineProto.newBuilder().setEvents(EventPipelineProto.newBuilder()
                .setSensorWidth(34).setSensorHeight(34).setCropX(4).setCropY(4).setCropWidth(20).setCropHeight(10)
                .setDownsample(3).setPolarity(EventPipelineProto.Polarity.MERGED)
                .setChannelMapping(EventPipelineProto.ChannelMapping.ROW_MAJOR)).build();
        InputLayout l = InputLayout.of(Shape.flat(28), p, NO_ENCODING);
        assertEquals(1, l.planes());
        assertEquals(7, l.width());
        assertEquals(4, l.height());
        assertFalse(l.onOff());
        assertEquals(2 * 7 + 5, l.channel(0, 5, 2));
    }

    @Test
    void theInputEncodingAndThenTheShapeAreUsedWithoutAPipeline() {
        InputEncodingProto enc = InputEncodingProto.newBuilder().setSensorWidth(10).setSensorHeight(10)
                .setChannelMapping("xy_on_off").build();
        InputLayout l = InputLayout.of(new Shape(2, 10, 10), NO_PIPELINE, enc);
        assertTrue(l.columnMajor());
        assertEquals(2 * 10 + 7 + 100, l.channel(1, 2, 7));
        InputLayout mnist = InputLayout.of(new Shape(1, 28, 28), NO_PIPELINE, NO_ENCODING);
        assertEquals(5 * 28 + 3, mnist.channel(0, 3, 5));
        InputLayout image = InputLayout.of(Shape.flat(784), InputPipelines.image(28, 28, 1 / 5.5, 1000),
                NO_ENCODING);
        assertEquals(5 * 28 + 3, image.channel(0, 3, 5));
        InputLayout two = InputLayout.of(new Shape(2, 3, 4), NO_PIPELINE, NO_ENCODING);
        assertEquals(12 + 2 * 4 + 1, two.channel(1, 1, 2));
    }

    @Test
    void otherFlatInputsWrapRowByRow() {
        InputLayout wrapped = InputLayout.of(Shape.flat(10), NO_PIPELINE, NO_ENCODING);
        assertEquals(4, wrapped.width());
        assertEquals(3, wrapped.height());
        assertEquals(9, wrapped.channel(0, 1, 2));
        assertEquals(-1, wrapped.channel(0, 2, 2));
    }
}
