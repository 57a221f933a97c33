package io.snn4j.runtime;

import io.snn4j.data.EventStream;
import io.snn4j.data.emulate.BuiltinDigits;
import io.snn4j.data.emulate.DvsEmulator;
import io.snn4j.data.emulate.DvsEmulatorConfig;
import io.snn4j.data.encode.ChannelLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-event latency and allocation of a session from its first event (cold) and after {@link Session#warmUp()}
 * (warm), on {@code nmnist-mlp} fed emulated N-MNIST recordings back to back (one stream, 350 ms apart): push plus
 * class per event, nanoTime around each. Run in a fresh JVM from the project folder on the test class path:
 * {@code java --add-modules jdk.incubator.vector -cp ... io.snn4j.runtime.RuntimeLatencyRun [EVENTS]}.
 */
public final class RuntimeLatencyRun {
    private RuntimeLatencyRun() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SnnModel model = SnnModel.load(Path.of("models/nmnist-mlp.textproto"));
        DvsEmulator emulator = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        BuiltinDigits digits = new BuiltinDigits(7);
        EventStream[] recordings = new EventStream[40];
        for (int i = 0; i < recordings.length; i++) {
            recordings[i] = emulator.emulate(digits.image(i), BuiltinDigits.SIZE, BuiltinDigits.SIZE,
                    new SplittableRandom(i));
        }
        ChannelLayout layout = ChannelLayout.nmnist();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (String phase : new String[] {"cold", "warm"}) {
            Session s = model.newSession();
            long warmNanos = 0;
            if (phase.equals("warm")) {
                long w0 = System.nanoTime();
                s.warmUp();
                warmNanos = System.nanoTime() - w0;
            }
            long[] latency = new long[total];
            long alloc0 = mx.getThreadAllocatedBytes(tid);
            long start = System.nanoTime();
            int n = 0;
            long offset = 0;
            int sink = 0;
            for (int r = 0; n < total; r = (r + 1) % recordings.length) {
                EventStream ev = recordings[r];
                for (int i = 0; i < ev.size() && n < total; i++) {
                    long t0 = System.nanoTime();
                    s.push(offset + ev.timestampUs(i), layout.channel(ev.x(i), ev.y(i), ev.polarity(i)));
                    sink += s.currentClass();
                    latency[n++] = System.nanoTime() - t0;
                }
                offset += 350_000;
            }
            long wall = System.nanoTime() - start;
            long alloc = mx.getThreadAllocatedBytes(tid) - alloc0;
            long first = latency[0];
            long[] firstK = Arrays.copyOf(latency, Math.min(10_000, n));
            Arrays.sort(firstK);
            Arrays.sort(latency, 0, n);
            System.out.printf(Locale.ROOT, "%s: %d events in %.2f s%s; per event p50 %.2f us, p99 %.2f us, "
                            + "p99.9 %.2f us, max %.1f us; first event %.1f us, first 10,000 events p99 %.1f us; "
                            + "allocated %d bytes over the %d events (%s kernels, sink %d)%n", phase, n, wall / 1e9,
                    phase.equals("warm") ? String.format(Locale.ROOT, " after warmUp() of %.0f ms", warmNanos / 1e6)
                            : "", latency[n / 2] / 1e3, latency[(int) (n * 0.99)] / 1e3,
                    latency[(int) (n * 0.999)] / 1e3, latency[n - 1] / 1e3, first / 1e3,
                    firstK[(int) (firstK.length * 0.99)] / 1e3, alloc, n, s.kernels().name(), sink);
        }
    }
}
