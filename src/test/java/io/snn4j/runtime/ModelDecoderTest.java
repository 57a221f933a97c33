package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.snn4j.engine.RandomNetworks;
import io.snn4j.event.InputSpikes;
import io.snn4j.export.ModelFiles;
import io.snn4j.export.proto.DenseLayerProto;
import io.snn4j.export.proto.DenseProto;
import io.snn4j.export.proto.FeedForwardProto;
import io.snn4j.export.proto.LayerProto;
import io.snn4j.export.proto.ModelProto;
import io.snn4j.export.proto.ShapeProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad bytes and bad networks are refused with a message naming the field; valid encodings all decode alike. */
class ModelDecoderTest {
    @TempDir
    Path dir;

    static ModelProto bars() throws IOException {
        return ModelFiles.read(Path.of("models", "bars.textproto"));
    }

    private static String message(ModelProto m) {
        return assertThrows(ModelFormatException.class, () -> SnnModel.fromBytes(m.toByteArray())).getMessage();
    }

    @Test
    void everyTruncationIsRefusedOrStillAValidModelNeverAnotherException() throws IOException {
        byte[] bytes = bars().toByteArray();
        int refused = 0;
        for (int k = 0; k < bytes.length; k++) {
            try {
                SnnModel.fromBytes(java.util.Arrays.copyOf(bytes, k));
            } catch (ModelFormatException e) {
                refused++;
            }
        }
        // a prefix ending between two fields can be a valid smaller model; most prefixes cut a field or the network
        assertTrue(refused > bytes.length * 9 / 10, refused + " of " + bytes.length + " prefixes refused");
        String m = assertThrows(ModelFormatException.class,
                () -> SnnModel.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3))).getMessage();
        assertTrue(m.contains("model bytes: invalid model"), m);
    }

    @Test
    void corruptedBytesAreRefusedWithAModelFormatExceptionOrDecodedNeverAnythingElse() throws IOException {
        byte[] good = bars().toByteArray();
        SplittableRandom rng = new SplittableRandom(5);
        int refused = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bad = good.clone();
            for (int k = 1 + rng.nextInt(3); k > 0; k--) {
                bad[rng.nextInt(bad.length)] = (byte) rng.nextInt(256);
            }
            try {
                SnnModel.fromBytes(bad);
            } catch (ModelFormatException e) {
                refused++;
            }
        }
        assertTrue(refused > 300, "only " + refused + " of 3000 corruptions refused");
    }

    @Test
    void aLengthBeyondTheEndIsReportedWithItsField() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeUInt32(1, 1);
        c.writeTag(10, 2);
        c.writeUInt32NoTag(1_000_000_000);
        c.writeRawBytes(new byte[20]);
        c.flush();
        String m = assertThrows(ModelFormatException.class, () -> SnnModel.fromBytes(out.toByteArray())).getMessage();
        assertTrue(m.contains("network: length 1000000000 runs past the end of the input"), m);
    }

    @Test
    void aWrongWireTypeIsReportedWithItsField() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeFixed32(1, 1);
        c.flush();
        String m = assertThrows(ModelFormatException.class, () -> SnnModel.fromBytes(out.toByteArray())).getMessage();
        assertTrue(m.contains("format_version: wire type 5 does not match the schema's 0"), m);
    }

    @Test
    void aNewerMajorVersionIsRefused() throws IOException {
        ModelProto m = bars().toBuilder().setFormatVersion(2).build();
        ModelFormatException e = assertThrows(ModelFormatException.UnsupportedVersion.class,
                () -> SnnModel.fromBytes(m.toByteArray()));
        assertTrue(e.getMessage().contains("format_version 2 is newer than the newest this runtime reads (1)"),
                e.getMessage());
    }

    @Test
    void shapesThatDisagreeNaNWeightsAndBadReferencesAreAllReportedAtOnce() throws IOException {
        ModelProto.Builder b = bars().toBuilder();
        var net = b.getNetworkBuilder();
        // conv output population one row too short, a NaN in the conv kernel, a projection from nowhere
        int conv = -1;
        for (int i = 0; i < net.getPopulationsCount(); i++) {
            if (net.getPopulations(i).hasShape() && net.getPopulations(i).hasLif() && conv < 0) {
                conv = i;
            }
        }
        var shape = net.getPopulationsBuilder(conv).getShapeBuilder();
        shape.setHeight(shape.getHeight() - 1);
        for (int j = 0; j < net.getProjectionsCount(); j++) {
            if (net.getProjections(j).hasConv2D()) {
                net.getProjectionsBuilder(j).getConv2DBuilder().setWeights(2, Float.NaN);
            }
        }
        net.addProjections(net.getProjections(0).toBuilder().setName("ghost").setSource("nowhere"));
        String m = message(b.build());
        assertTrue(m.contains("differs from the conv2d output"), m);
        assertTrue(m.contains("weight 2 is NaN (must be finite)"), m);
        assertTrue(m.contains("projection 'ghost': source 'nowhere' is not a population"), m);
    }

    @Test
    void anAbsurdSizeIsReportedBeforeAnythingIsAllocated() {
        ModelProto m = ModelProto.newBuilder().setFormatVersion(1).setUsPerTick(1000).setFeedForward(
                FeedForwardProto.newBuilder().setInput(ShapeProto.newBuilder().setChannels(1).setHeight(1)
                                .setWidth(Integer.MAX_VALUE))
                        .addLayers(LayerProto.newBuilder().setThreshold(1).setDense(DenseLayerProto.newBuilder()
                                .setSize(1_000_000).setInitRange(1)))).build();
        String msg = message(m);
        assertTrue(msg.contains("layer 'layer0': dense would draw 2147483647000000 weights"), msg);
        assertTrue(msg.contains("more than this JVM can hold"), msg);
    }

    @Test
    void textFormatFilesAreRefusedWithTheWayToConvertThem() {
        String m = assertThrows(ModelFormatException.class,
                () -> SnnModel.load(Path.of("models", "bars.textproto"))).getMessage();
        assertTrue(m.contains("the runtime reads binary models (.pb) only"), m);
        assertThrows(java.io.FileNotFoundException.class, () -> SnnModel.load(dir.resolve("missing.pb")));
    }

    @Test
    void aModelFileLoadsAsItsBytes() throws IOException {
        Path file = dir.resolve("bars.pb");
        Files.write(file, bars().toByteArray());
        SnnModel m = SnnModel.load(file);
        assertEquals(4, m.classes());
        assertEquals(25, m.inputChannels());
    }

    /** The same dense network with its repeated floats packed (as protobuf-java writes) and unpacked (as allowed). */
    @Test
    void packedAndUnpackedRepeatedFieldsDecodeAlike() throws IOException {
        float[] w = new float[24];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (2 * rng.nextDouble() - 0.5);
        }
        DenseProto.Builder dense = DenseProto.newBuilder();
        for (float x : w) {
            dense.addWeights(x);
        }
        ModelProto packed = ModelProto.newBuilder().setFormatVersion(1).setUsPerTick(1000).setTicks(60).setNetwork(
                io.snn4j.export.proto.NetworkProto.newBuilder()
                        .addPopulations(io.snn4j.export.proto.PopulationProto.newBuilder().setName("in").setSize(6)
                                .setInput(io.snn4j.export.proto.InputProto.getDefaultInstance()))
                        .addPopulations(io.snn4j.export.proto.PopulationProto.newBuilder().setName("out").setSize(4)
                                .setLif(io.snn4j.export.proto.LifProto.newBuilder().setTauMem(8).addTauSyn(2)
                                        .setThreshold(1)))
                        .addProjections(io.snn4j.export.proto.ProjectionProto.newBuilder().setName("a")
                                .setSource("in").setTarget("out").setDense(dense))
                        .setInput("in").setOutput("out")).build();
        // the same message written by hand, with weights and tau_syn unpacked
        ByteArrayOutputStream denseBytes = new ByteArrayOutputStream();
        CodedOutputStream d = CodedOutputStream.newInstance(denseBytes);
        for (float x : w) {
            d.writeFloat(1, x);
        }
        d.flush();
        ByteArrayOutputStream lif = new ByteArrayOutputStream();
        CodedOutputStream l = CodedOutputStream.newInstance(lif);
        l.writeDouble(1, 8);
        l.writeDouble(2, 2);
        l.writeDouble(3, 1);
        l.flush();
        byte[] in = message(w1 -> {
            w1.writeString(1, "in");
            w1.writeUInt32(2, 6);
            w1.writeByteArray(4, new byte[0]);
        });
        byte[] out = message(w1 -> {
            w1.writeString(1, "out");
            w1.writeUInt32(2, 4);
            w1.writeByteArray(5, lif.toByteArray());
        });
        byte[] proj = message(w1 -> {
            w1.writeString(1, "a");
            w1.writeString(2, "in");
            w1.writeString(3, "out");
            w1.writeByteArray(10, denseBytes.toByteArray());
        });
        byte[] network = message(w1 -> {
            w1.writeByteArray(1, in);
            w1.writeByteArray(1, out);
            w1.writeByteArray(2, proj);
            w1.writeString(3, "in");
            w1.writeString(4, "out");
        });
        byte[] unpacked = message(w1 -> {
            w1.writeUInt32(1, 1);
            w1.writeDouble(7, 1000);
            w1.writeUInt32(8, 60);
            w1.writeByteArray(10, network);
        });
        assertTrue(unpacked.length > packed.toByteArray().length, "the unpacked form should be longer");
        InputSpikes input = RandomNetworks.input(io.snn4j.export.ModelFiles.toNetwork(packed, "packed"), 4, 60);
        var a = RuntimeEquivalenceTest.run(SnnModel.fromBytes(packed.toByteArray()), RuntimeKernels.scalar(), input, 60);
        var b = RuntimeEquivalenceTest.run(SnnModel.fromBytes(unpacked), RuntimeKernels.scalar(), input, 60);
        assertTrue(a.size() > 20, "the network should spike, had " + a.size());
        assertEquals(-1, a.firstDifference(b));
        assertArrayEquals(new int[] {a.size()}, new int[] {b.size()});
    }

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        w.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
