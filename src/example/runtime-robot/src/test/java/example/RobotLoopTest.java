package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobotLoopTest {
    /** snn4j's golden bars model of schema 1.3: a 10 x 10 sensor downsampled to the 5 x 5 bars detector. */
    static final Path MODEL = Path.of("../../test/resources/golden/export/bars-1.3-pipeline.pb");

    @Test
    void theInstalledRuntimeSeesTheHorizontalBar() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(0, RobotLoop.run(MODEL, seed), "class 0 is 'horizontal', seed " + seed);
        }
    }

    @Test
    void theRuntimeArtifactBringsProtobufAndNothingElse() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && !name.startsWith("junit") && !name.startsWith("opentest4j")
                    && !name.startsWith("apiguardian") && !name.startsWith("surefire")
                    && !name.startsWith("common-") && !name.startsWith("junit-platform")) {
                jars.add(name);
            }
        }
        jars.sort(null);
        assertEquals(2, jars.size(), jars.toString());
        assertTrue(jars.get(0).startsWith("protobuf-java-"), jars.toString());
        assertTrue(jars.get(1).startsWith("snn4j-runtime-"), jars.toString());
    }
}
