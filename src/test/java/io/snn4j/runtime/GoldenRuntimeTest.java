package io.snn4j.runtime;

import io.snn4j.backend.Kernels;

import io.snn4j.golden.GoldenSpikes;
import io.snn4j.golden.GoldenSpikesTest;
import io.snn4j.network.CompiledNetwork;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The embedding runtime against the golden spike rasters of {@link GoldenSpikesTest}, every spike. */
class GoldenRuntimeTest {
    @Test
    void theRuntimeReproducesEveryGoldenRaster() throws IOException {
        for (GoldenSpikesTest.Case c : GoldenSpikesTest.cases()) {
            GoldenSpikes g = GoldenSpikes.read(c.golden());
            var input = GoldenSpikesTest.input(g, CompiledNetwork.compile(GoldenSpikesTest.spec(c)));
            SnnModel model = SnnModel.fromBytes(io.snn4j.model.ModelFiles.read(c.model()).toByteArray());
            if (model.isIntegerMode() != c.integer()) {
                continue; // the runtime runs a 1.2 fixed-point file in integer mode only
            }
            for (Kernels k : RuntimeEquivalenceTest.kernels()) {
                GoldenSpikesTest.assertSameSpikes(g.record(), RuntimeEquivalenceTest.run(model, k, input, g.ticks()),
                        c.golden() + ", runtime, " + k.name());
            }
        }
    }
}
