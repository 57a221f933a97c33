package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NirExportTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private Path export(String model) throws IOException {
        Path src = Path.of(model);
        Path out = dir.resolve("m.nir");
        Exporter.export(ModelFiles.read(src), src.toString(), new ExportTarget.Nir(), out, ExporterTest.PROFILES);
        return out;
    }

    private static Object data(HdfFile h, String path) {
        return h.getDatasetByPath(path).getData();
    }

    @Test
    void barsReadsBackWithJhdfWithWeightsAndParametersOfTheMapping() throws IOException {
        Path f = export("models/bars.textproto");
        NetworkSpec net = ModelFiles.load(Path.of("models/bars.textproto"));
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("NIRGraph", data(h, "node/type"));
            Group nodes = (Group) h.getByPath("node/nodes");
            assertEquals(Set.of("sensor", "edges", "orientation", "sensor_to_edges", "edges_to_orientation",
                    "edges_to_orientation_flatten", "orientation-lateral", "output"), nodes.getChildren().keySet());
            assertEquals("Conv2d", data(h, "node/nodes/sensor_to_edges/type"));
            // Conv2d weights: trained weight / tau_syn (4 ticks), layout (out, in, kH, kW)
            float[][][][] w = (float[][][][]) data(h, "node/nodes/sensor_to_edges/weight");
            ProjectionSpec.Conv2d conv = (ProjectionSpec.Conv2d) net.projection(0);
            for (int oc = 0; oc < 4; oc++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertEquals(conv.weight(oc, 0, y, x), w[oc][0][y][x] * 4f, 0f);
                    }
                }
            }
            assertArrayEquals(new long[] {5, 5}, (long[]) data(h, "node/nodes/sensor_to_edges/input_shape"));
            assertArrayEquals(new long[] {1, 5, 5}, (long[]) data(h, "node/nodes/sensor/shape"));
            // CubaLIF of the conv layer, (C, H, W) = (4, 3, 3); tau in seconds with dt = 1 ms
            double[][][] tauMem = (double[][][]) data(h, "node/nodes/edges/tau_mem");
            assertEquals(4, tauMem.length);
            assertEquals(0.020, tauMem[3][2][2], 1e-15); // 20 ticks x 1000 us
            assertEquals(0.004, ((double[][][]) data(h, "node/nodes/edges/tau_syn"))[0][0][0], 1e-15);
            assertEquals(20.0, ((double[][][]) data(h, "node/nodes/edges/r"))[0][0][0], 0);
            assertEquals(4.0, ((double[][][]) data(h, "node/nodes/edges/w_in"))[0][0][0], 0);
            // the pooled population takes weights as they are (w_in = 1) and is flat after the Flatten node
            double[] wIn = (double[]) data(h, "node/nodes/orientation/w_in");
            assertArrayEquals(new double[] {1, 1, 1, 1}, wIn);
            assertEquals(0L, data(h, "node/nodes/edges_to_orientation_flatten/start_dim"));
            assertEquals(-1L, data(h, "node/nodes/edges_to_orientation_flatten/end_dim"));
            // lateral inhibition: Linear output -> output, -strength off the diagonal, weights as they are (w_in 1)
            float[][] lat = (float[][]) data(h, "node/nodes/orientation-lateral/weight");
            assertEquals(0f, lat[1][1]);
            assertEquals(-1.5f, lat[0][1]);
            String[][] edges = (String[][]) data(h, "node/edges");
            Set<String> e = new TreeSet<>();
            for (String[] pair : edges) {
                e.add(pair[0] + " " + pair[1]);
            }
            assertTrue(e.contains("orientation orientation-lateral") && e.contains("orientation-lateral orientation"),
                    e.toString());
            assertTrue(e.contains("orientation output"), e.toString());
            // what NIR cannot express
            assertArrayEquals(new long[] {2, 2}, (long[]) data(h, "node/metadata/refractory_ticks"));
            assertArrayEquals(new long[] {1, 0}, (long[]) data(h, "node/metadata/strict_threshold"));
            assertEquals(0.001, (double) data(h, "node/metadata/dt"), 0);
            assertTrue(((String) data(h, "node/metadata/dead_tick_zero")).contains("tick 0"));
        }
    }

    @Test
    @Tag("slow")
    void denseLayersDivideWeightsByTauSynAndKeepEveryParameter() throws IOException {
        String model = "neuromorphic-export/models/nmnist-2312-800-10.textproto";
        Path f = export(model);
        NetworkSpec net = ModelFiles.load(Path.of(model));
        float[] trained = ((ProjectionSpec.Dense) net.projection(0)).weights();
        try (HdfFile h = new HdfFile(f)) {
            float[][] w = (float[][]) data(h, "node/nodes/input_to_hidden/weight");
            assertEquals(800, w.length);
            assertEquals(2312, w[0].length);
            double maxErr = 0;
            for (int o = 0; o < 800; o++) {
                for (int i = 0; i < 2312; i++) {
                    maxErr = Math.max(maxErr, Math.abs(w[o][i] * 8.0 - trained[o * 2312 + i]));
                }
            }
            assertEquals(0, maxErr, 0, "division by 8 is exact in binary floating point");
            double[] thr = (double[]) data(h, "node/nodes/hidden/v_threshold");
            assertEquals(800, thr.length);
            assertEquals(15.0, thr[799], 0);
            // hm2bp-spec 1.2 mapping: tau_syn = 8 dt, tau_mem = 64 dt, r = 64, w_in = 8 (dt = 1 ms here)
            assertEquals(0.008, ((double[]) data(h, "node/nodes/hidden/tau_syn"))[0], 1e-15);
            assertEquals(0.064, ((double[]) data(h, "node/nodes/hidden/tau_mem"))[0], 1e-15);
            assertEquals(64.0, ((double[]) data(h, "node/nodes/hidden/r"))[0], 0);
            assertEquals(8.0, ((double[]) data(h, "node/nodes/hidden/w_in"))[0], 0);
            assertArrayEquals(new long[] {2312}, (long[]) data(h, "node/nodes/input/shape"));
            assertArrayEquals(new long[] {10}, (long[]) data(h, "node/nodes/output_2/shape"));
            assertEquals("Output", data(h, "node/nodes/output_2/type"));
        }
    }

    static boolean h5pyAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import h5py, numpy").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"models/bars.textproto", "neuromorphic-export/models/tiny-cnn.textproto"})
    void h5pyReadsTheLayoutIndependently(String model) throws IOException, InterruptedException {
        Assumptions.assumeTrue(h5pyAvailable(), "skipped: " + PYTHON + " cannot import h5py and numpy "
                + "(apt-get install python3-h5py python3-numpy)");
        Path f = export(model);
        Process p = new ProcessBuilder(PYTHON, "src/test/resources/nir/check_nir.py", f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("CubaLIF"), out);
        assertTrue(!out.contains("PROBLEM"), out);
        if (model.contains("bars")) {
            for (String line : List.of("sensor_to_edges              Conv2d     in=(1, 5, 5) out=(4, 3, 3)",
                    "edges_to_orientation         SumPool2d  in=(4, 3, 3) out=(4, 1, 1)",
                    "edges_to_orientation_flatten Flatten    in=(4, 1, 1) out=(4,)",
                    "orientation-lateral          Linear     in=(4,) out=(4,)")) {
                assertTrue(out.contains(line), out);
            }
        }
    }

    /**
     * The NIR file, simulated by an independent reader (h5py + numpy, forward Euler of CubaLIF at the metadata's dt
     * plus the metadata's refractory, delay, tick-0 and threshold rules), gives exactly the spikes of the shipped
     * conformance vectors: the mapping (weights / tau_syn, w_in, r, v_leak) loses nothing the metadata does not
     * restore.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"bars, models/bars.textproto, 120",
            "tiny-cnn, neuromorphic-export/models/tiny-cnn.textproto, 60"})
    void anIndependentSimulationOfTheNirFileReproducesTheConformanceSpikes(String name, String model, int ticks)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(h5pyAvailable(), "skipped: " + PYTHON + " cannot import h5py and numpy "
                + "(apt-get install python3-h5py python3-numpy)");
        Path f = export(model);
        Path conf = Path.of("neuromorphic-export", "conformance", name);
        Process p = new ProcessBuilder(PYTHON, "src/test/resources/nir/simulate_nir.py", f.toString(),
                conf.resolve("input.csv").toString(), Integer.toString(ticks)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        TreeSet<String> expected = new TreeSet<>(java.nio.file.Files.readAllLines(conf.resolve("expected-spikes.csv")));
        TreeSet<String> got = new TreeSet<>(List.of(out.split("\n")));
        assertTrue(expected.size() > 100, "the comparison needs spikes");
        assertEquals(expected, got);
    }

    @Test
    void theCheckerFlagsAnExtraDatasetAndAShapeMismatch() throws IOException, InterruptedException {
        Assumptions.assumeTrue(h5pyAvailable(), "skipped: " + PYTHON + " cannot import h5py and numpy");
        NetworkSpec net = ModelFiles.load(Path.of("models/bars.textproto"));
        NirGraph g = NirGraph.of(net, ModelProto.getDefaultInstance());
        for (NirGraph.Node n : g.nodes) {
            if (n.id().equals("orientation")) {
                n.datasets().put("foo", new double[] {1});
                n.datasets().put("v_threshold", new double[] {1, 2, 3});
            }
        }
        Path f = dir.resolve("bad.nir");
        NirWriter.write(g, f);
        Process p = new ProcessBuilder(PYTHON, "src/test/resources/nir/check_nir.py", f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("PROBLEM node orientation (CubaLIF): datasets"), out);
        assertTrue(out.contains("parameter shapes"), out);
    }
}
