package io.snn4j.backend;

/**
 * Picks the kernels once: {@link VectorKernels} when the {@code jdk.incubator.vector} module is in the boot layer
 * (the launcher and the test runner pass {@code --add-modules jdk.incubator.vector}), else {@link ScalarKernels}
 * with one log line. The system property {@code snn4j.kernels=scalar|vector} forces a choice.
 */
public final class KernelProvider {
    private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());
    private static final Kernels KERNELS = choose();

    private KernelProvider() {
    }

    /** The kernels this JVM uses. */
    public static Kernels get() {
        return KERNELS;
    }

    /** The scalar kernels. */
    public static Kernels scalar() {
        return new ScalarKernels();
    }

    /** The vector kernels, or empty when the module is absent. */
    public static java.util.Optional<Kernels> vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Class.forName("io.snn4j.backend.VectorKernels").asSubclass(Kernels.class)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "vector kernels unavailable: " + e);
            return java.util.Optional.empty();
        }
    }

    private static Kernels choose() {
        String forced = System.getProperty("snn4j.kernels", "");
        if (forced.equals("scalar")) {
            return scalar();
        }
        java.util.Optional<Kernels> v = vector();
        if (v.isPresent()) {
            return v.get();
        }
        if (forced.equals("vector")) {
            throw new IllegalStateException("snn4j.kernels=vector but the jdk.incubator.vector module is not present "
                    + "(run java with --add-modules jdk.incubator.vector)");
        }
        LOG.log(System.Logger.Level.INFO, "jdk.incubator.vector not present: using scalar kernels");
        return scalar();
    }
}
