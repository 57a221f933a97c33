package io.snn4j.runtime;

import java.util.Optional;

/**
 * The array loops of the runtime, in two implementations with bit-identical results: {@link #scalar()} (plain loops)
 * and {@link #vector()} (the Java Vector API, {@code jdk.incubator.vector}, present only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}). {@link #best()} picks the vector loops when the module is there, else
 * the scalar ones; the system property {@code snn4j.kernels=scalar|vector} forces a choice. Both multiply and add
 * lane by lane in the order of {@link #updateLif} (never a fused multiply-add), so they round as the stepped engine.
 *
 * <p>Stateless and thread-safe.
 */
public abstract class RuntimeKernels {
    private static final System.Logger LOG = System.getLogger(RuntimeKernels.class.getName());
    private static final RuntimeKernels SCALAR = new ScalarRuntimeKernels();
    private static volatile RuntimeKernels best;

    RuntimeKernels() {
    }

    /** The plain-loop kernels. */
    public static RuntimeKernels scalar() {
        return SCALAR;
    }

    /** The Vector API kernels, or empty when {@code jdk.incubator.vector} is not in the JVM's boot layer. */
    public static Optional<RuntimeKernels> vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((RuntimeKernels) Class.forName("io.snn4j.runtime.VectorRuntimeKernels")
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "vector kernels unavailable: " + e);
            return Optional.empty();
        }
    }

    /** The vector kernels when available (or forced by {@code snn4j.kernels}), else the scalar ones. */
    public static RuntimeKernels best() {
        RuntimeKernels k = best;
        if (k == null) {
            k = choose();
            best = k;
        }
        return k;
    }

    private static RuntimeKernels choose() {
        String forced = System.getProperty("snn4j.kernels", "");
        if (forced.equals("scalar")) {
            return SCALAR;
        }
        Optional<RuntimeKernels> v = vector();
        if (v.isPresent()) {
            return v.get();
        }
        if (forced.equals("vector")) {
            throw new IllegalStateException("snn4j.kernels=vector but the jdk.incubator.vector module is not present "
                    + "(run java with --add-modules jdk.incubator.vector)");
        }
        LOG.log(System.Logger.Level.INFO, "jdk.incubator.vector not present: the runtime uses scalar kernels");
        return SCALAR;
    }

    /** "scalar" or "vector". */
    public abstract String name();

    /**
     * {@code acc[i] += w[off + i]} for i in [0, n).
     *
     * @param acc written, length &gt;= n
     * @param w   read, length &gt;= off + n
     */
    abstract void addRow(float[] acc, float[] w, int off, int n);

    /**
     * {@code acc[i] += w[rows[0] * n + i]}, then {@code += w[rows[1] * n + i]}, ... for i in [0, n): the rows of
     * several spikes added in their order, so every element sees the same sequence of additions as row by row.
     *
     * @param rows read; the first {@code count} entries are the row indices
     */
    abstract void addRows(float[] acc, float[] w, int[] rows, int count, int n);

    /** {@code acc[i] += c} for i in [from, to). */
    abstract void addConstant(float[] acc, int from, int to, float c);

    /**
     * One tick t &gt;= 1 of every neuron of a LIF population, in the canonical float arithmetic (per neuron, in this
     * order):
     * <pre>
     *   v  = v * decayMem
     *   a0 = e0 * decaySyn0 + r0;  r0 = 0
     *   a1 = e1 * decaySyn1 + r1;  r1 = 0                  (two synapse types only)
     *   v  = v + (a0 * gain0 [+ a1 * gain1])
     *   v  = v + bias                                      (only when bias != 0)
     *   if left &gt; 0: v = 0, left = left - 1;   else if v &gt; threshold: spike, v = 0, left = refractory
     *   bias == 0 and |v|, |a0|, |a1| all &lt; FLUSH: v = a0 = a1 = 0
     * </pre>
     * The spiking neurons are written to {@code out} in ascending order.
     *
     * @param e1    read and written; null with one synapse type
     * @param r0    read, then zeroed: this tick's input of synapse type 0
     * @param r1    as r0 for type 1; null with one synapse type
     * @param refractoryLeft read and written: ticks each neuron is still held at 0 (a float count, exact up to the
     *                       2^24 ticks a refractory period may last)
     * @param out   written: spiking neurons
     * @return {@code spikes << 1 | busy}, busy = 1 when some neuron is not exactly at rest or is refractory
     * afterwards (always 1 with a bias)
     */
    abstract int updateLif(Population p, float[] v, float[] e0, float[] e1, float[] r0, float[] r1,
                           float[] refractoryLeft, int t, int[] out);
}
