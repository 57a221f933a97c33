package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeechSpecsTest {
    @Test
    void parsesFolderAndOptions() {
        SpeechSpecs.Parsed p = SpeechSpecs.parse("fsdd:/data/fsdd:holdout=lucas:encoder=poisson:skip-unknown");
        assertEquals("fsdd", p.corpus());
        assertEquals(Path.of("/data/fsdd"), p.dir());
        assertEquals(Map.of("holdout", "lucas", "encoder", "poisson", "skip-unknown", ""), p.options());
        SpeechSpecs.Parsed t = SpeechSpecs.parse("ti46:/corpora/TI46:vocab=20");
        assertEquals(Path.of("/corpora/TI46"), t.dir());
        assertEquals(Map.of("vocab", "20"), t.options());
        // a colon inside the folder name stays in the folder
        assertEquals(Path.of("/data/a:b"), SpeechSpecs.parse("fsdd:/data/a:b").dir());
    }

    @Test
    void rejectsUnknownRepeatedAndMisplacedOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeechSpecs.parse("fsdd:/d:vocab=20"));
        assertEquals("data spec 'fsdd:/d:vocab=20': unknown option 'vocab=20' (a fsdd spec takes cache, encoder, "
                + "frontend, holdout, skip-unknown)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs.parse("ti46:/d:vocab=20:vocab=alpha"));
        assertEquals("data spec 'ti46:/d:vocab=20:vocab=alpha': option vocab given twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs.parse("ti46:/d:skip-unknown:x"));
        assertEquals("data spec 'ti46:/d:skip-unknown:x': unknown option 'x' (a ti46 spec takes cache, encoder, "
                + "frontend, skip-unknown, vocab)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs.parse("fsdd::holdout=x"));
        assertEquals("data spec 'fsdd::holdout=x': the folder is missing (fsdd:DIR)", e.getMessage());
    }
}
