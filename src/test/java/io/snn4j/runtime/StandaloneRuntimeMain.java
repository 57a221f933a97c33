package io.snn4j.runtime;

import java.nio.file.Path;

/**
 * An application that uses only the runtime: loads the model file given as first argument, pushes one spike on every
 * input channel every millisecond for 60 ms and prints the kernels used and the output spike counts. Run by
 * {@link StandaloneRuntimeTest} in a JVM whose class path holds only the runtime's classes and protobuf-java.
 */
public final class StandaloneRuntimeMain {
    private StandaloneRuntimeMain() {
    }

    public static void main(String[] args) throws Exception {
        SnnModel model = SnnModel.load(Path.of(args[0]));
        System.out.println(model.newSession().kernels().name() + " " + String.join(",", counts(model.newSession())));
    }

    static String[] counts(Session s) {
        SnnModel model = s.model();
        for (int t = 0; t < 60; t++) {
            for (int c = 0; c < model.inputChannels(); c += 1 + (t % 3)) {
                s.push(t * 1000L, c);
            }
        }
        s.advanceTo(60_000);
        String[] out = new String[model.classes()];
        for (int k = 0; k < out.length; k++) {
            out[k] = String.valueOf(s.outputSpikes(k));
        }
        return out;
    }
}
