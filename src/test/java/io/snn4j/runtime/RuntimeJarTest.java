package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime jar's footprint: the compiled classes of its packages ({@link #PACKAGES}), packed as the build packs
 * {@code target/snn4j-runtime.jar}, stay under {@link #BUDGET}, and their constant pools name only classes of the
 * JDK ({@code java.*}), the Vector API, protobuf-java and those packages. When the jar has been built
 * ({@code mvn package}), it is checked too.
 */
class RuntimeJarTest {
    /**
     * 640 KB: the runtime is the core engine, the one model loader (with the generated classes of {@code model.proto},
     * about 300 KB of it) and the input pipeline; protobuf-java beside it is about 1.9 MB. (It was 600 KB until the
     * convolution's windowed delivery took the jar to 601 KB.)
     */
    static final long BUDGET = 640 * 1024;
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern TYPE = Pattern.compile("L([A-Za-z0-9_/$]+);");

    /** The packages of the runtime artifact: the core, the model format, the input pipeline and the runtime. */
    static final List<String> PACKAGES = List.of("backend", "engine", "event", "io", "model", "network", "neuron",
            "pipeline", "runtime");

    static List<Path> runtimeClasses() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String pkg : PACKAGES) {
            try (Stream<Path> s = Files.walk(CLASSES.resolve("io/snn4j/" + pkg))) {
                s.filter(p -> p.toString().endsWith(".class")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void theRuntimeJarIsSmall() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Path c : runtimeClasses()) {
                jar.putNextEntry(new JarEntry(CLASSES.relativize(c).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(c));
                jar.closeEntry();
            }
        }
        assertTrue(bytes.size() < BUDGET, "runtime classes pack to " + bytes.size() + " bytes");
        assertTrue(bytes.size() > 100_000, "too small to hold the runtime: " + bytes.size());
        Path built = Path.of("target", "snn4j-runtime.jar");
        if (Files.exists(built)) {
            assertTrue(Files.size(built) < BUDGET, built + " is " + Files.size(built) + " bytes");
        }
    }

    @Test
    void theRuntimeReferencesOnlyTheJdkTheVectorApiProtobufAndItself() throws IOException {
        Set<String> foreign = new TreeSet<>();
        Set<String> protobuf = new TreeSet<>();
        int classes = 0;
        for (Path c : runtimeClasses()) {
            classes++;
            for (String name : referencedClasses(Files.readAllBytes(c))) {
                if (name.startsWith("com/google/protobuf/")) {
                    protobuf.add(name);
                } else if (!name.startsWith("java/") && !name.startsWith("jdk/incubator/vector/")
                        && PACKAGES.stream().noneMatch(pkg -> name.startsWith("io/snn4j/" + pkg + "/"))) {
                    foreign.add(c.getFileName() + " -> " + name);
                }
            }
        }
        assertTrue(classes >= 50, "found " + classes + " classes");
        assertEquals(Set.of(), foreign);
        assertTrue(protobuf.contains("com/google/protobuf/GeneratedMessage"), "protobuf classes named: " + protobuf);
    }

    /** Class names in a class file's constant pool: Class entries and the types inside descriptors. */
    static List<String> referencedClasses(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        assertEquals(0xCAFEBABE, in.readInt());
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classIndices = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classIndices.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        List<String> names = new ArrayList<>();
        for (int k : classIndices) {
            String n = utf8[k];
            names.add(n.startsWith("[") ? n.replaceAll("^\\[+L?|;$", "") : n);
        }
        for (String s : utf8) {
            if (s != null && (s.startsWith("(") || s.startsWith("L") || s.startsWith("["))) {
                Matcher m = TYPE.matcher(s);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        names.removeIf(n -> n.length() <= 1);
        return names;
    }
}
