package io.snn4j.golden;

import io.snn4j.backend.KernelProvider;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Writes the golden spike rasters of {@link GoldenSpikesTest#cases()} with the stepped engine (scalar kernels). Run
 * from the project folder on the test class path: {@code java -cp ... io.snn4j.golden.GoldenSpikesWriter}. The
 * files were written once, before the embedding runtime was rebuilt on the core engine, after checking that the old
 * runtime gave the same spikes (see the README beside them); they are not rewritten by the build.
 */
public final class GoldenSpikesWriter {
    private GoldenSpikesWriter() {
    }

    public static void main(String[] args) throws IOException {
        Files.createDirectories(GoldenSpikes.DIR);
        for (GoldenSpikesTest.Case c : GoldenSpikesTest.cases()) {
            GoldenSpikes g = run(c);
            g.write(c.golden());
            System.out.println(c.golden() + ": " + g.size() + " spikes");
        }
    }

    static GoldenSpikes run(GoldenSpikesTest.Case c) throws IOException {
        ModelProto proto = ModelFiles.read(c.model());
        NetworkSpec spec = c.integer() ? ModelFiles.toIntegerNetwork(proto, c.model().toString())
                : ModelFiles.toNetwork(proto, c.model().toString());
        int ticks = Math.min(spec.ticks(), GoldenSpikesTest.MAX_TICKS);
        InputSpikes input = GoldenSpikes.input(spec.inputPopulation().size(), ticks, c.rate(), c.seed());
        SpikeRecord r = new SteppedEngine(CompiledNetwork.compile(spec), KernelProvider.scalar())
                .run(input, ticks, true).spikes();
        return GoldenSpikes.of(c.model().toString(), ticks, c.integer(), r);
    }
}
