package io.snn4j.data.dataset;

import io.snn4j.event.InputSpikes;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads samples of a data set on a fixed number of background threads and yields them in the requested order. At
 * most {@code capacity} samples are loaded ahead of the consumer (bounded memory). Since a data set's
 * {@link Dataset#load(int)} depends only on the index, the sequence of samples is the same for any thread count.
 *
 * <p>Use from one consumer thread; close it (try-with-resources) to stop the workers. A failed load is rethrown by
 * {@link #next()} for that sample: a {@link RuntimeException} as is, anything else wrapped in an
 * {@link IllegalStateException} naming the sample.
 */
public final class Prefetcher implements Iterator<Sample>, AutoCloseable {
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final Dataset dataset;
    private final int[] order;
    private final int capacity;
    private final ExecutorService pool;
    private final ArrayDeque<Future<InputSpikes>> pending;
    private int submitted;
    private int taken;

    private Prefetcher(Dataset dataset, int[] order, int threads, int capacity) {
        this.dataset = dataset;
        this.order = order;
        this.capacity = capacity;
        this.pending = new ArrayDeque<>(capacity);
        int poolNumber = POOL_NUMBER.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "snn4j-prefetch-" + poolNumber + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
        fill();
    }

    /**
     * Starts prefetching.
     *
     * @param dataset  the data set
     * @param order    read; indices to yield, in order (e.g. {@link Datasets#shuffledOrder})
     * @param threads  worker threads, &gt;= 1
     * @param capacity samples loaded ahead at most, &gt;= threads
     */
    public static Prefetcher start(Dataset dataset, int[] order, int threads, int capacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("prefetch: threads must be >= 1, was " + threads);
        }
        if (capacity < threads) {
            throw new IllegalArgumentException("prefetch: capacity must be >= threads = " + threads + ", was "
                    + capacity);
        }
        int[] copy = order.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || copy[i] >= dataset.size()) {
                throw new IllegalArgumentException("prefetch: order[" + i + "] must be in [0, " + dataset.size()
                        + "), was " + copy[i]);
            }
        }
        return new Prefetcher(dataset, copy, threads, capacity);
    }

    /** All samples in index order. */
    public static Prefetcher start(Dataset dataset, int threads) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return start(dataset, order, threads, 4 * threads);
    }

    private void fill() {
        while (submitted < order.length && pending.size() < capacity) {
            final int index = order[submitted++];
            pending.addLast(pool.submit(() -> dataset.load(index)));
        }
    }

    @Override
    public boolean hasNext() {
        return taken < order.length;
    }

    @Override
    public Sample next() {
        if (!hasNext()) {
            throw new NoSuchElementException("prefetch: all " + order.length + " samples were taken");
        }
        if (pool.isShutdown()) {
            throw new IllegalStateException("prefetch: closed");
        }
        int index = order[taken++];
        Future<InputSpikes> future = pending.removeFirst();
        fill();
        try {
            return Sample.of(index, dataset.label(index), future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("prefetch: interrupted while waiting for sample " + index, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("prefetch: loading sample " + index + " failed", cause);
        }
    }

    /** Cancels pending loads and stops the worker threads. */
    @Override
    public void close() {
        for (Future<InputSpikes> f : pending) {
            f.cancel(true);
        }
        pending.clear();
        pool.shutdownNow();
    }
}
