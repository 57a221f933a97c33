package io.snn4j.backend;

class ScalarKernelsTest extends KernelsContract {
    @Override
    Kernels kernels() {
        return new ScalarKernels();
    }
}
