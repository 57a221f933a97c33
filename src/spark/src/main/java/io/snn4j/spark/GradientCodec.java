package io.snn4j.spark;

import io.snn4j.train.SampleGradient;
import java.nio.ByteBuffer;

/**
 * Sample gradients as one byte array for a task's result: bulk copies of the float and int arrays instead of Java
 * serialization's per-element writes (a batch of 32 mnist-mlp gradients is about 15 MB). Big-endian:
 * <pre>
 *   int32 count; per gradient: float64 cost, int32 decision, int8 silent, int32 P, P x int64 population spikes,
 *   int32 L, per layer: int32 R (-1: whole gradient), R x int32 rows, int32 V, V x float32 values
 * </pre>
 */
final class GradientCodec {
    private GradientCodec() {
    }

    static byte[] encode(SampleGradient[] gradients) {
        long size = 4;
        for (SampleGradient g : gradients) {
            size += 8 + 4 + 1 + 4 + 8L * g.populationSpikes().length + 4;
            for (int k = 0; k < g.values().length; k++) {
                size += 4 + 4L * (g.rows()[k] == null ? 0 : g.rows()[k].length) + 4 + 4L * g.values()[k].length;
            }
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a task's gradients take " + size + " bytes, more than one array holds: "
                    + "use more partitions");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.putInt(gradients.length);
        for (SampleGradient g : gradients) {
            b.putDouble(g.cost()).putInt(g.decision()).put((byte) (g.silentOutput() ? 1 : 0));
            b.putInt(g.populationSpikes().length);
            b.asLongBuffer().put(g.populationSpikes());
            b.position(b.position() + 8 * g.populationSpikes().length);
            b.putInt(g.values().length);
            for (int k = 0; k < g.values().length; k++) {
                int[] rows = g.rows()[k];
                b.putInt(rows == null ? -1 : rows.length);
                if (rows != null) {
                    b.asIntBuffer().put(rows);
                    b.position(b.position() + 4 * rows.length);
                }
                float[] v = g.values()[k];
                b.putInt(v.length);
                b.asFloatBuffer().put(v);
                b.position(b.position() + 4 * v.length);
            }
        }
        return b.array();
    }

    static SampleGradient[] decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        SampleGradient[] out = new SampleGradient[b.getInt()];
        for (int s = 0; s < out.length; s++) {
            double cost = b.getDouble();
            int decision = b.getInt();
            boolean silent = b.get() != 0;
            long[] spikes = new long[b.getInt()];
            b.asLongBuffer().get(spikes);
            b.position(b.position() + 8 * spikes.length);
            int layers = b.getInt();
            int[][] rows = new int[layers][];
            float[][] values = new float[layers][];
            for (int k = 0; k < layers; k++) {
                int r = b.getInt();
                if (r >= 0) {
                    rows[k] = new int[r];
                    b.asIntBuffer().get(rows[k]);
                    b.position(b.position() + 4 * r);
                }
                values[k] = new float[b.getInt()];
                b.asFloatBuffer().get(values[k]);
                b.position(b.position() + 4 * values[k].length);
            }
            out[s] = new SampleGradient(cost, decision, silent, spikes, rows, values);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("gradient bytes: " + b.remaining() + " bytes left over");
        }
        return out;
    }
}
