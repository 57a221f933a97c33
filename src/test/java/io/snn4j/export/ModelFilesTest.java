package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.InvalidModelException;
import io.snn4j.model.UnsupportedSchemaVersionException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String HEADER = "us_per_tick: 1000\nticks: 100\n";

    private List<String> problemsOf(String text) throws IOException {
        Path f = write("m.textproto", text);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e.problems();
    }

    @Test
    void shippedModelsLoad() throws IOException {
        NetworkSpec bars = ModelFiles.load(Path.of("models", "bars.textproto"));
        assertEquals(3, bars.populations().size());
        assertEquals(65, bars.neuronCount());
        NetworkSpec cuba = ModelFiles.load(Path.of("models", "cuba.textproto"));
        assertEquals(4001, cuba.neuronCount());
        assertEquals(100_000, cuba.ticks());
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() throws IOException {
        List<String> problems = problemsOf(HEADER + """
                network {
                  input: "in"
                  output: "out"
                  populations { name: "in" size: 4 input {} }
                  populations { name: "hidden" size: 3 lif { tau_mem: -5 tau_syn: 8 threshold: 1 } }
                  populations { name: "out" size: 2 lif { tau_mem: 20 tau_syn: [4, 8, 9] threshold: nan } }
                  projections { name: "a" source: "in" target: "hidden" dense { weights: [1, 2, 3] } }
                  projections { name: "b" source: "hidden" target: "nowhere" dense { init_range: 1 } }
                  projections { name: "c" source: "hidden" target: "out" synapse: 1 delay: 2
                                sparse { pre: [0, 7] post: [1, 1] weights: [1, inf] } }
                  projections { name: "d" source: "out" target: "in" one_to_one { weights: 1 } }
                }
                """);
        assertEquals(List.of(
                "population 'hidden': tau_mem must be >= 1 tick, was -5.0",
                "population 'out': tau_syn must have one or two entries, had 3",
                "population 'out': threshold must be > 1e-6 and finite, was NaN",
                "projection 'b': target 'nowhere' is not a population",
                "projection 'a': dense weights must have 3 x 4 = 12 entries (target x source), had 3",
                "projection 'c': synapse must be in [0, 1) for target 'out', was 1",
                "projection 'c': synapse 1: pre must be in [0, 3), was 7",
                "projection 'c': weight 1 is Infinity (must be finite)",
                "projection 'd': target 'in' is an input population and cannot receive spikes"), problems);
    }

    @Test
    void rejectsAbsurdSizesBeforeAllocating() throws IOException {
        List<String> problems = problemsOf(HEADER + """
                network {
                  input: "in"
                  populations { name: "in" size: 2000000000 input {} }
                  populations { name: "big" size: 2000000000 lif { tau_mem: 20 tau_syn: 5 threshold: 1 } }
                  projections { name: "all" source: "in" target: "big" dense { init_range: 1 } }
                }
                """);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("projection 'all': dense would draw "
                + "4000000000000000000 weights")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("network has 4000000000 neurons")),
                problems.toString());
    }

    @Test
    void rejectsShapeMismatchesInTheCompactForm() throws IOException {
        List<String> problems = problemsOf(HEADER + """
                feed_forward {
                  input { channels: 1 height: 28 width: 28 }
                  layers { name: "c1" threshold: 5 conv2d { channels: 15 kernel: 5 init_range: 0.5 } }
                  layers { name: "p1" threshold: 2 pool { kernel: 2 } }
                  layers { name: "fc" threshold: 10 dense { size: 10 weights: [1, 2] } }
                }
                """);
        assertEquals(List.of("projection 'p1->fc': dense weights must have 10 x 2160 = 21600 entries "
                + "(target x source), had 2"), problems);
    }

    @Test
    void compactFormExpandsToTheHm2bpCnnShapes() throws IOException {
        Path f = write("cnn.textproto", HEADER + """
                seed: 5
                feed_forward {
                  input { channels: 1 height: 28 width: 28 }
                  refractory_ticks: 2
                  output_lateral_inhibition: 1
                  layers { name: "c1" threshold: 5 conv2d { channels: 15 kernel: 5 init_range: 0.5 } }
                  layers { name: "p1" threshold: 2 pool { kernel: 2 } }
                  layers { name: "c2" threshold: 12 conv2d { channels: 40 kernel: 5 init_range: 0.5 } }
                  layers { name: "p2" threshold: 4 pool { kernel: 2 } }
                  layers { name: "fc" threshold: 10 dense { size: 300 init_range: 1 } }
                  layers { name: "output" threshold: 10 dense { size: 10 init_range: 1 } }
                }
                """);
        NetworkSpec net = ModelFiles.load(f);
        // hm2bp-spec 10.2: 28 -> 24 -> 12 -> 8 -> 4, a 640-dimensional input to FC300
        assertEquals(List.of(784, 15 * 24 * 24, 15 * 12 * 12, 40 * 8 * 8, 640, 300, 10),
                net.populations().stream().map(p -> p.size()).toList());
        assertTrue(net.population(1).lif().strictThreshold());
        assertTrue(!net.population(2).lif().strictThreshold());
        assertEquals(64, net.population(5).lif().tauMemTicks());
        assertTrue(net.projections().get(net.projections().size() - 1) instanceof ProjectionSpec.LateralInhibition);
        // weights drawn from the seed are the same on every load and within the range
        float[] w = ((ProjectionSpec.Dense) net.projection(4)).weights();
        float[] again = ((ProjectionSpec.Dense) ModelFiles.load(f).projection(4)).weights();
        assertTrue(java.util.Arrays.equals(w, again));
        for (float x : w) {
            assertTrue(x >= -1 && x <= 1);
        }
    }

    @Test
    void binaryRoundTripGivesTheSameNetwork() throws IOException {
        ModelProto m = ModelFiles.read(Path.of("models", "bars.textproto"));
        Path pb = dir.resolve("bars.pb");
        ModelFiles.writeBinary(m, pb);
        assertEquals(m, ModelFiles.read(pb));
        NetworkSpec a = ModelFiles.load(Path.of("models", "bars.textproto"));
        NetworkSpec b = ModelFiles.load(pb);
        assertEquals(a.populations(), b.populations());
        assertEquals(a.projections().size(), b.projections().size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(pb), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void truncatedBinaryFileIsReportedAsCorrupt() throws IOException {
        ModelProto m = ModelFiles.read(Path.of("models", "bars.textproto"));
        byte[] bytes = m.toByteArray();
        Path pb = dir.resolve("cut.pb");
        Files.write(pb, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.load(pb));
        assertTrue(e.getMessage().contains("not a valid binary snn4j model (truncated or corrupt protobuf)"),
                e.getMessage());
    }

    @Test
    void refusesANewerMajorVersion() throws IOException {
        Path f = write("new.textproto", "format_version: 2\n" + HEADER);
        UnsupportedSchemaVersionException e = assertThrows(UnsupportedSchemaVersionException.class,
                () -> ModelFiles.load(f));
        assertTrue(e.getMessage().contains("model format version 2 is newer than the newest this snn4j reads (1)"));
    }

    @Test
    void textSyntaxErrorsNameLineAndColumn() throws IOException {
        Path f = write("bad.textproto", HEADER + "network {\n  populations { name: \"x\" sise: 3 }\n}\n");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.load(f));
        assertTrue(e.getMessage().contains("text format error at 4:"), e.getMessage());
        assertTrue(e.getMessage().contains("sise"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("absent.pb");
        IOException e = assertThrows(IOException.class, () -> ModelFiles.load(f));
        assertTrue(e.getMessage().contains("absent.pb: no such model file"));
    }
}
