package io.snn4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportTargetTest {
    @Test
    void parsesEveryForm() {
        assertEquals(new ExportTarget.Float(), ExportTarget.parse("float"));
        assertEquals(new ExportTarget.Nir(), ExportTarget.parse("nir"));
        assertEquals(new ExportTarget.Hardware("loihi2"), ExportTarget.parse("hw:loihi2"));
        assertEquals(new ExportTarget.Fixed(8, 24, false), ExportTarget.parse("fixed:8"));
        assertEquals(new ExportTarget.Fixed(16, 32, false), ExportTarget.parse("fixed:16"));
        assertEquals(new ExportTarget.Fixed(8, 16, false), ExportTarget.parse("fixed:8:16"));
        assertEquals(new ExportTarget.Fixed(8, 24, true), ExportTarget.parse("fixed:8:tensor"));
        assertEquals(new ExportTarget.Fixed(16, 40, true), ExportTarget.parse("fixed:16:40:tensor"));
        assertEquals("fixed:8:16", ExportTarget.parse("fixed:8:16").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "onnx", "hw:", "hw:../x", "fixed:", "fixed:4", "fixed:8:8", "fixed:x", "fixed:8:99"})
    void refusesOtherFormsNamingTheAcceptedOnes(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTarget.parse(s));
        assertTrue(e.getMessage().contains("8 or 16") || e.getMessage().contains("target must be")
                || e.getMessage().contains("accumulator"), e.getMessage());
    }
}
