package io.snn4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The vector kernels under the same contract; the test JVM runs with the Vector API module. */
class VectorKernelsTest extends KernelsContract {
    @Override
    Kernels kernels() {
        return KernelProvider.vector().orElseThrow(() -> new AssertionError(
                "the tests run with --add-modules jdk.incubator.vector, so the vector kernels must load"));
    }

    @Test
    void providerPicksTheVectorKernelsWhenTheModuleIsPresent() {
        assertEquals("vector", KernelProvider.get().name());
    }
}
