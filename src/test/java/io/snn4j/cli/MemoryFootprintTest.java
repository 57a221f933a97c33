package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A network of 10 million synapses simulates in a 256 MB heap: the CUBA network scaled to 125,000 neurons (80 inputs
 * each) in a separate JVM started with -Xmx256m, and its connectivity takes at most 9 bytes a synapse.
 */
@Tag("slow")
class MemoryFootprintTest {
    @Test
    void tenMillionSynapsesSimulateIn256MegabytesOfHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "bench", "cuba", "--neurons", "125000",
                "--seconds", "0.05"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("synapses\\s+(\\d+) \\(([0-9.]+) MB of connectivity, ([0-9.]+) bytes a synapse\\)")
                .matcher(out);
        assertTrue(m.find(), out);
        long synapses = Long.parseLong(m.group(1));
        double bytesPerSynapse = Double.parseDouble(m.group(3));
        assertTrue(synapses > 9_900_000, out);
        assertTrue(bytesPerSynapse <= 9.0, out);
        assertTrue(out.contains("max heap 256 MB"), out);
    }
}
