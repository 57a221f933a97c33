package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.InvalidModelException;
import io.snn4j.model.UnsupportedSchemaVersionException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExporterTest {
    static final Path PROFILES = Path.of("neuromorphic-export", "targets");

    @TempDir
    Path dir;

    /** A general-form network with every projection kind the float format must carry unchanged. */
    static final String GENERAL = """
            us_per_tick: 500
            ticks: 80
            seed: 5
            network {
              input: "in"
              output: "out"
              populations { name: "in" size: 12 input {} }
              populations { name: "a" size: 9
                            lif { tau_mem: 12.5 tau_syn: [3, 6] threshold: 0.7 refractory_ticks: 1 bias: 0.01
                                  v_init_low: 0 v_init_high: 0.3 } }
              populations { name: "out" size: 3 lif { tau_mem: 20 tau_syn: 5 threshold: 0.4 } }
              projections { name: "d" source: "in" target: "a" dense { init_range: 0.8 } }
              projections { name: "r" source: "in" target: "a" synapse: 1 delay: 2
                            random { p: 0.3 weight: -0.5 weight_spread: 0.2 delay_max: 4 } }
              projections { name: "s" source: "a" target: "out" delay: 1
                            sparse { pre: [0, 1, 2, 8, 8] post: [0, 1, 2, 2, 0] weights: [0.9, 1.1, 0.7, 0.5, 0.5]
                                     delays: [1, 2, 3, 1, 1] } }
              projections { name: "o" source: "a" target: "a" delay: 3 one_to_one { weights: 0.05 } }
              projections { name: "l" source: "out" target: "out" lateral_inhibition { strength: 0.3 } }
            }
            """;

    static InputSpikes randomInput(int channels, int ticks, double rate, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] t = new int[channels * ticks];
        int[] c = new int[channels * ticks];
        int n = 0;
        for (int k = 0; k < ticks; k++) {
            for (int ch = 0; ch < channels; ch++) {
                if (rng.nextDouble() < rate) {
                    t[n] = k;
                    c[n++] = ch;
                }
            }
        }
        return InputSpikes.of(channels, Arrays.copyOf(t, n), Arrays.copyOf(c, n));
    }

    static SpikeRecord simulate(NetworkSpec net, InputSpikes in, int ticks) {
        return new SteppedEngine(CompiledNetwork.compile(net)).run(in, ticks, true).spikes();
    }

    private Path model(String name) throws IOException {
        if (name.equals("general")) {
            Path f = dir.resolve("general.textproto");
            Files.writeString(f, GENERAL);
            return f;
        }
        return Path.of(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"models/bars.textproto", "neuromorphic-export/models/tiny-cnn.textproto",
            "neuromorphic-export/models/nmnist-2312-800-10.textproto", "models/cuba.textproto", "general"})
    void floatExportReimportsToASpikeIdenticalSimulation(String name) throws IOException {
        Path src = model(name);
        ModelProto proto = ModelFiles.read(src);
        NetworkSpec before = ModelFiles.toNetwork(proto, src.toString());
        Path out = dir.resolve("m.pb");
        Exporter.export(proto, src.toString(), new ExportTarget.Float(), out, PROFILES);
        ModelProto written = ModelFiles.read(out);
        assertEquals("float", written.getProvenance().getExportTarget());
        assertEquals("1.5", written.getMetadataOrThrow("format_revision"));
        NetworkSpec after = ModelFiles.load(out);
        assertEquals(before.populations(), after.populations());
        for (int j = 0; j < before.projections().size(); j++) {
            assertProjectionEquals(before.projection(j), after.projection(j));
        }
        int ticks = Math.min(before.ticks(), 150);
        InputSpikes in = randomInput(before.inputPopulation().size(), ticks, 0.1, 42);
        SpikeRecord a = simulate(before, in, ticks);
        SpikeRecord b = simulate(after, in, ticks);
        assertEquals(-1, a.firstDifference(b), "spike trains differ after re-import");
        assertTrue(a.size() > 0, "the comparison needs spikes");
    }

    static void assertProjectionEquals(ProjectionSpec x, ProjectionSpec y) {
        assertEquals(x.getClass(), y.getClass());
        assertEquals(x.name(), y.name());
        assertEquals(x.delayTicks(), y.delayTicks());
        assertEquals(x.maxDelayTicks(), y.maxDelayTicks());
        if (x instanceof ProjectionSpec.Dense d) {
            assertArrayEquals(d.weights(), ((ProjectionSpec.Dense) y).weights());
        } else if (x instanceof ProjectionSpec.Conv2d c) {
            assertArrayEquals(c.weights(), ((ProjectionSpec.Conv2d) y).weights());
        } else if (x instanceof ProjectionSpec.Sparse s) {
            assertArrayEquals(s.weights(), ((ProjectionSpec.Sparse) y).weights());
            assertArrayEquals(s.delays(), ((ProjectionSpec.Sparse) y).delays());
        } else if (x instanceof ProjectionSpec.OneToOne o) {
            assertArrayEquals(o.weights(), ((ProjectionSpec.OneToOne) y).weights());
        } else {
            assertEquals(x, y);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bars-1.0.pb", "bars-1.1-float.pb", "bars-1.1-fixed8.pb", "bars-1.2-fixed8.pb",
            "bars-1.3-pipeline.pb", "bars-1.4-training.pb"})
    void goldenFilesOfEveryRevisionKeepLoadingAndPredictHorizontal(String golden) throws IOException {
        NetworkSpec g = ModelFiles.load(Path.of("src/test/resources/golden/export", golden));
        NetworkSpec ref = ModelFiles.load(Path.of("models/bars.textproto"));
        assertEquals(ref.populations(), g.populations());
        InputSpikes in = io.snn4j.event.SpikeCsv.read(Path.of("models/bars-horizontal.csv"), 25);
        var r = new SteppedEngine(CompiledNetwork.compile(g)).run(in, g.ticks(), true);
        assertEquals(0, r.predictedClass());
        assertEquals(-1, simulate(ref, in, ref.ticks()).firstDifference(r.spikes()));
    }

    @Test
    void truncatedAndCorruptBinaryModelsAreRefusedNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/golden/export/bars-1.1-float.pb"));
        Path truncated = dir.resolve("truncated.pb");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        Path corrupt = dir.resolve("corrupt.pb");
        byte[] bad = good.clone();
        bad[3] = (byte) 0xFF;
        bad[4] = (byte) 0xFF;
        Files.write(corrupt, bad);
        for (Path f : new Path[] {truncated, corrupt}) {
            IOException e = assertThrows(IOException.class, () -> Exporter.export(ModelFiles.read(f), f.toString(),
                    new ExportTarget.Float(), dir.resolve("o.pb"), PROFILES));
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }

    @Test
    void newerMajorVersionIsRefusedNamingBothVersions() throws IOException {
        ModelProto p = ModelFiles.read(Path.of("src/test/resources/golden/export/bars-1.1-float.pb")).toBuilder()
                .setFormatVersion(2).build();
        Path f = dir.resolve("v2.pb");
        ModelFiles.writeBinary(p, f);
        UnsupportedSchemaVersionException e = assertThrows(UnsupportedSchemaVersionException.class,
                () -> ModelFiles.read(f));
        assertTrue(e.getMessage().contains("version 2 is newer than the newest this snn4j reads (1)"),
                e.getMessage());
    }

    @Test
    void shapesThatDisagreeWithTheGraphAndNanWeightsAreReportedWithTheirPlace() throws IOException {
        ModelProto p = ModelFiles.read(Path.of("src/test/resources/golden/export/bars-1.1-float.pb"));
        var b = p.toBuilder();
        var conv = b.getNetworkBuilder().getProjectionsBuilder(0).getConv2DBuilder();
        java.util.List<Float> w = new java.util.ArrayList<>(conv.getWeightsList().subList(0, 35));
        w.set(0, Float.NaN);
        conv.clearWeights().addAllWeights(w);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> Exporter.export(b.build(),
                "bad.pb", new ExportTarget.Nir(), dir.resolve("o.nir"), PROFILES));
        String m = e.getMessage();
        assertTrue(m.startsWith("bad.pb: invalid model"), m);
        assertTrue(m.contains("projection 'sensor->edges'"), m);
        assertTrue(m.contains("35"), m);
        assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains("nan"), m);
        assertTrue(Files.notExists(dir.resolve("o.nir")));
    }

    @Test
    void revisionOneOneFieldsThatDisagreeWithTheGraphAreReported() throws IOException {
        ModelProto p = ModelFiles.read(Path.of("src/test/resources/golden/export/bars-1.1-fixed8.pb"));
        var b = p.toBuilder();
        var n = b.getNetworkBuilder();
        n.getPopulationsBuilder(1).getLifBuilder().setTauMemUs(5000).getFixedPointBuilder().setScales(2, Float.NaN);
        var q = n.getProjectionsBuilder(0).getQuantizedBuilder();
        q.setInt8Values(q.getInt8Values().substring(0, 30));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.toNetwork(b.build(),
                "q.pb"));
        assertEquals(List.of(
                "population 'edges': tau_mem_us 5000.0 disagrees with tau_mem 20.0 ticks x us_per_tick 1000.0 = "
                        + "20000.0",
                "population 'edges': fixed_point: scale 2 must be finite and > 0, was NaN",
                "projection 'sensor->edges': quantized must have 36 values (as the float weights), had 30"),
                e.problems());
    }

    @Test
    void fixedPointOverflowIsRefusedAtExportNamingPopulationAndExcess() throws IOException {
        Path src = Path.of("neuromorphic-export/models/nmnist-2312-800-10.textproto");
        ModelProto p = ModelFiles.read(src);
        FixedPointOverflowException e = assertThrows(FixedPointOverflowException.class, () -> Exporter.export(p,
                src.toString(), ExportTarget.parse("fixed:8:16"), dir.resolve("q.pb"), PROFILES));
        String m = e.getMessage();
        assertTrue(m.contains("fixed:8:16"), m);
        assertTrue(m.contains("population 'hidden'"), m);
        assertTrue(m.contains("more than the 32767 a 16-bit accumulator holds (exceeds by"), m);
        assertTrue(Files.notExists(dir.resolve("q.pb")));
        // the default 24-bit accumulator holds it
        Exporter.export(p, src.toString(), ExportTarget.parse("fixed:8"), dir.resolve("q.pb"), PROFILES);
        ModelProto q = ModelFiles.read(dir.resolve("q.pb"));
        assertEquals(800 * 2312, q.getNetwork().getProjections(0).getQuantized().getInt8Values().size());
        assertEquals(800, q.getNetwork().getPopulations(1).getLif().getFixedPoint().getScalesCount());
    }

    @Test
    void aProfileThatCannotHoldTheModelNamesEachLimitAndTheExcess() throws IOException {
        Path src = Path.of("neuromorphic-export/models/nmnist-2312-800-10.textproto");
        ModelProto p = ModelFiles.read(src);
        DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> Exporter.export(p, src.toString(),
                new ExportTarget.Hardware("xylo"), dir.resolve("d.pb"), PROFILES));
        String m = e.getMessage();
        assertTrue(m.contains("does not fit hw:xylo"), m);
        assertTrue(m.contains("max_input_channels: input population 'input' has 2312 neurons, the limit is 16 "
                + "(exceeds by 2296)"), m);
        assertTrue(m.contains("max_fan_in: neuron 0 of population 'hidden' has fan-in 2312, the limit is 63 "
                + "(exceeds by 2249)"), m);
        assertTrue(m.contains("max_chips:"), m);
        assertTrue(Files.notExists(dir.resolve("d.pb")));
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Exporter.export(
                ModelFiles.read(Path.of("models/bars.textproto")), "bars", new ExportTarget.Hardware("loihi9"),
                dir.resolve("d.pb"), PROFILES));
        assertTrue(e.getMessage().contains("unknown hardware profile 'loihi9'"), e.getMessage());
        assertTrue(e.getMessage().contains("known profiles: generic, loihi2, spinnaker2, xylo"), e.getMessage());
    }

    @Test
    void nirRefusesWhatACubaLifCannotExpress() throws IOException {
        Path src = model("general");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Exporter.export(
                ModelFiles.read(src), src.toString(), new ExportTarget.Nir(), dir.resolve("g.nir"), PROFILES));
        assertTrue(e.getMessage().contains("population 'a': two synapse types (tau_syn 3.0 and 6.0)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("population 'a': random initial potentials"), e.getMessage());
    }
}
