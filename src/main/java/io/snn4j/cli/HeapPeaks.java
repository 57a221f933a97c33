package io.snn4j.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use as the JVM's memory pools record it. The figure is the sum of each heap pool's own peak, so it bounds
 * the true simultaneous peak from above (the pools need not peak at the same moment).
 */
final class HeapPeaks {
    private HeapPeaks() {
    }

    /** Collects garbage, then starts the peaks afresh. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak use since the last {@link #reset()}, bytes. */
    static long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The heap limit (-Xmx), bytes. */
    static long maxBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
