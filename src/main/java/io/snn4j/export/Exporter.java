package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.InvalidModelException;
import io.snn4j.export.proto.DeploymentProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Exports a model to a target ({@link ExportTarget}): a lossless binary model, a NIR file, a deployment plan for a
 * hardware profile, or a fixed-point model. Every target validates the model first ({@link ModelFiles#toNetwork})
 * and refuses with a message naming what and where. Stateless and thread-safe; never prints.
 */
public final class Exporter {
    private Exporter() {
    }

    /** What an export wrote, and the text report the command line shows. */
    public record Result(Path file, String report) {
    }

    /**
     * Exports {@code model} (read from {@code where}) to {@code target}, writing {@code out}.
     *
     * @param profiles folder of hardware profiles ({@code NAME.textproto}), used by {@code hw:NAME}
     * @throws InvalidModelException       the model breaks a rule
     * @throws IllegalArgumentException    the target cannot express the model (NIR), the profile is unknown
     * @throws DoesNotFitException         the network exceeds a hardware limit
     * @throws FixedPointOverflowException the integer accumulator would overflow
     */
    public static Result export(ModelProto model, String where, ExportTarget target, Path out, Path profiles)
            throws IOException {
        NetworkSpec net = ModelFiles.toNetwork(model, where);
        if (target instanceof ExportTarget.Float) {
            ModelProto p = ModelWriter.toProto(net, model, target.name());
            ModelFiles.writeBinary(p, out);
            return new Result(out, String.format("float: wrote %s (%d bytes): %d populations, %d projections, "
                            + "format %d (revision %s)", out, Files.size(out), net.populations().size(),
                    net.projections().size(), p.getFormatVersion(), ModelWriter.REVISION));
        } else if (target instanceof ExportTarget.Nir) {
            NirGraph g = NirGraph.of(net, model);
            NirWriter.write(g, out);
            StringBuilder sb = new StringBuilder(String.format("nir: wrote %s (%d bytes), NIR %s layout, %d nodes, "
                    + "%d edges%n", out, Files.size(out), NirWriter.NIR_VERSION, g.nodes.size(), g.edges.size()));
            for (NirGraph.Node n : g.nodes) {
                sb.append(String.format("  %-28s %s%n", n.id(), n.type()));
            }
            sb.append("  not expressible in NIR, recorded in node/metadata: refractory_ticks, input_delay, "
                    + "dead_tick_zero, threshold_rule, dt");
            return new Result(out, sb.toString());
        } else if (target instanceof ExportTarget.Hardware h) {
            TargetProfile profile = TargetProfile.load(profiles, h.profile());
            Deployment d = Partitioner.partition(net, profile);
            DeploymentProto p = d.toProto();
            writeMessage(p, out);
            return new Result(out, d.report() + "\nrouting table written to " + out + " (" + p.getRoutesCount()
                    + " routes)");
        } else if (target instanceof ExportTarget.Fixed f) {
            return writeFixed(fixedPoint(model, where, f, null), out);
        }
        throw new IllegalArgumentException("unknown target " + target);
    }

    /** A fixed-point model in memory and the export report. */
    public record FixedExport(ModelProto model, String report) {
    }

    /**
     * The fixed-point model of {@code model} for target {@code f}, not written: integer weights, scales, thresholds
     * and, for accumulators of at most 32 bits, the integer-mode fields of schema 1.2 ({@link
     * ModelFiles#toIntegerNetwork} reads them back).
     *
     * @param clip per population index a clipping factor in (0, 1] for its scales (calibration), or null for 1
     * @throws FixedPointOverflowException the integer accumulator would overflow
     */
    public static FixedExport fixedPoint(ModelProto model, String where, ExportTarget.Fixed f, double[] clip)
            throws IOException {
        NetworkSpec net = ModelFiles.toNetwork(model, where);
        Quantizer.Quantized q = Quantizer.quantize(net, f.bits(), f.accumulatorBits(), !f.perTensor(), clip);
        return new FixedExport(q.apply(ModelWriter.toProto(net, model, f.name())), q.report());
    }

    /** Writes a fixed-point model (atomically) and returns the export result. */
    public static Result writeFixed(FixedExport e, Path out) throws IOException {
        ModelFiles.writeBinary(e.model(), out);
        return new Result(out, e.report() + "\nwrote " + out + " (" + Files.size(out) + " bytes)");
    }

    /**
     * The network a fixed-point export of {@code model} describes, with every weight replaced by its de-quantized
     * value, for comparing its simulation with the float network's.
     */
    public static NetworkSpec dequantized(ModelProto model, String where, ExportTarget.Fixed f) throws IOException {
        NetworkSpec net = ModelFiles.toNetwork(model, where);
        return Quantizer.quantize(net, f.bits(), f.accumulatorBits(), !f.perTensor()).dequantized();
    }

    /** Writes a message as protobuf text when the name ends in .textproto/.txtpb/.pbtxt, else binary. */
    static void writeMessage(com.google.protobuf.Message m, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (ModelFiles.isText(file)) {
                Files.writeString(tmp, com.google.protobuf.TextFormat.printer().printToString(m),
                        StandardCharsets.UTF_8);
            } else {
                try (var o = Files.newOutputStream(tmp)) {
                    m.writeTo(o);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
