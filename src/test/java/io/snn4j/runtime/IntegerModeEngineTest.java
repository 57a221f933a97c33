package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.engine.RandomNetworks;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.export.ExportTarget;
import io.snn4j.export.Exporter;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runtime integer mode against the stepped engine's integer mode, spike for spike and saturation for saturation, on
 * fixed-point exports (8 and 16 bits, per output channel and per tensor) of the repository's models and on the golden
 * schema 1.2 file.
 */
@Tag("slow")
class IntegerModeEngineTest {
    private static final int TICKS = 150;

    private static void assertSameAsEngine(ModelProto fixed, String where, InputSpikes input) throws IOException {
        NetworkSpec net = ModelFiles.toIntegerNetwork(fixed, where);
        SimulationResult r = new SteppedEngine(CompiledNetwork.compile(net)).run(input, TICKS, true);
        SpikeRecord expected = r.spikes();
        SnnModel model = SnnModel.fromBytes(fixed.toByteArray());
        assertTrue(model.isIntegerMode(), where);
        Session s = model.newSession();
        SpikeRecord actual = RuntimeEquivalenceTest.run(model, s.kernels(), input, TICKS);
        int d = expected.firstDifference(actual);
        assertEquals(-1, d, () -> where + ": first difference at spike " + d + " of " + expected.size());
        assertTrue(expected.size() > input.size(), where + ": the network should spike beyond its input, had "
                + expected.size() + " spikes for " + input.size() + " inputs");
    }

    @Test
    void fixedPointExportsOfTheRepositoryModelsSpikeAsTheEnginesIntegerMode() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path file : RuntimeEquivalenceTest.repositoryModels().toList()) {
            ModelProto src = ModelFiles.read(file);
            NetworkSpec spec = ModelFiles.toNetwork(src, file.toString());
            if (spec.projections().stream().anyMatch(p -> p instanceof io.snn4j.network.ProjectionSpec.Random)
                    || spec.output() < 0) {
                continue; // random projections have no quantized weights
            }
            InputSpikes input = RandomNetworks.input(spec, 17, TICKS);
            for (ExportTarget.Fixed f : new ExportTarget.Fixed[] {new ExportTarget.Fixed(8, 32, false),
                    new ExportTarget.Fixed(16, 32, false), new ExportTarget.Fixed(8, 32, true)}) {
                ModelProto fixed = Exporter.fixedPoint(src, file.toString(), f, null).model();
                assertSameAsEngine(fixed, file + " " + f, input);
                checked.add(file.getFileName() + " " + f.bits());
            }
        }
        assertTrue(checked.size() >= 15, "exports checked: " + checked);
    }

    @Test
    void theGoldenRevisionOneTwoFileRunsAsInTheEngine() throws IOException {
        Path golden = Path.of("src/test/resources/golden/export/bars-1.2-fixed8.pb");
        ModelProto p = ModelFiles.read(golden);
        assertSameAsEngine(p, golden.toString(), RandomNetworks.input(ModelFiles.toNetwork(p, "bars"), 3, TICKS));
    }
}
