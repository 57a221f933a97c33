package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The POM installed with the runtime jar (src/runtime/pom.xml) has the main build's version and names protobuf-java,
 * at the main build's version, as its only dependency.
 */
class RuntimeArtifactTest {
    private static String first(String xml, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theRuntimePomNamesProtobufAtTheMainBuildsVersionsAndNothingElse() throws IOException {
        String main = Files.readString(Path.of("pom.xml"));
        String runtime = Files.readString(Path.of("src/runtime/pom.xml"));
        String mainVersion = first(main, "<artifactId>snn4j</artifactId>\\s*<version>([^<]+)</version>");
        assertEquals(mainVersion,
                first(runtime, "<artifactId>snn4j-runtime</artifactId>\\s*<version>([^<]+)</version>"));
        List<String> deps = new ArrayList<>();
        Matcher d = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>"
                + "\\s*<version>([^<]+)</version>").matcher(runtime);
        while (d.find()) {
            deps.add(d.group(1) + ":" + d.group(2) + ":" + d.group(3));
        }
        assertEquals(List.of("com.google.protobuf:protobuf-java:" + first(main,
                "<protobuf.version>([^<]+)</protobuf.version>")), deps);
    }
}
