package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.model.ModelFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as an application would ship it: a JVM whose class path holds only the runtime's classes (what
 * {@code target/snn4j-runtime.jar} holds), protobuf-java and the application, started without
 * {@code --add-modules jdk.incubator.vector}. It must pick the scalar kernels by itself and answer what the vector
 * kernels answer in this JVM.
 */
class StandaloneRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void runsWithOnlyProtobufBesideItAndFallsBackToScalarWithoutTheVectorModule() throws Exception {
        Path classes = dir.resolve("classes");
        Path built = Path.of("target", "classes");
        for (Path c : RuntimeJarTest.runtimeClasses()) {
            Path to = classes.resolve(built.relativize(c).toString());
            Files.createDirectories(to.getParent());
            Files.copy(c, to);
        }
        Path target = classes.resolve("io/snn4j/runtime");
        Files.copy(Path.of("target", "test-classes", "io", "snn4j", "runtime", "StandaloneRuntimeMain.class"),
                target.resolve("StandaloneRuntimeMain.class"));
        String protobuf = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("protobuf-java")) {
                protobuf = entry;
            }
        }
        assertTrue(protobuf != null, "protobuf-java is not on the test class path");
        Path model = dir.resolve("bars.pb");
        Files.write(model, ModelFiles.read(Path.of("models", "bars.textproto")).toByteArray());

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classes + File.pathSeparator + protobuf);
        cmd.add("io.snn4j.runtime.StandaloneRuntimeMain");
        cmd.add(model.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);

        SnnModel here = SnnModel.load(model);
        String expected = String.join(",",
                StandaloneRuntimeMain.counts(here.newSession(io.snn4j.backend.KernelProvider.get())));
        assertTrue(out.endsWith("scalar " + expected), "child printed: " + out);
        assertTrue(!expected.equals("0,0,0,0"), "the model should answer: " + expected);
    }
}
