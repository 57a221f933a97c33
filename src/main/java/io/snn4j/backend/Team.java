package io.snn4j.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed group of threads that run the parts of one short task at once: {@link #run} runs parts 0 .. size-1 on the
 * calling thread and the team's own threads, and returns when all are done. Made for tasks of microseconds, many
 * times per training sample, where handing work to a thread pool costs as much as the work (a pool's queue and a
 * parked thread's wake-up take 5-50 us each time).
 *
 * <p>Parts are claimed, not assigned: the caller and every team thread take the next unclaimed part until none is
 * left, so a team thread that is late (parked, or descheduled on a busy machine) leaves its parts to the caller, and a
 * call never waits for a thread that has not started. The caller waits only for parts already running elsewhere. A
 * team thread that has just finished spins for {@link #SPIN_NANOS} watching for the next call before it parks, so
 * calls that follow each other closely are shared within a fraction of a microsecond.
 *
 * <p>Parts must not depend on each other or on the thread that runs them. An exception in any part is thrown by
 * {@link #run} once every part has ended. One caller at a time; {@link #close} ends the threads.
 */
public final class Team implements AutoCloseable {
    /** How long a team thread (and the caller, for a running part) spins before it parks. */
    static final long SPIN_NANOS = 50_000;
    private static final int PART_BITS = 16;
    private static final long PART_MASK = (1L << PART_BITS) - 1;

    private final int size;
    private final Thread[] threads;
    /** The call's generation (high bits) and its next unclaimed part (low {@link #PART_BITS} bits). */
    private final AtomicLong claims = new AtomicLong();
    /** Parts of the current call not yet ended. */
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile Throwable failure;
    private volatile Thread caller;
    private volatile boolean callerParked;
    private volatile boolean closed;
    /** Team threads parked (or about to park) waiting for a call. */
    private final AtomicInteger parkedCount = new AtomicInteger();
    private long generation;

    /**
     * A team of {@code size} parts: {@code size - 1} daemon threads named {@code name-1 ..}. Size 1 runs everything on
     * the caller.
     */
    public Team(int size, String name) {
        if (size < 1 || size > PART_MASK) {
            throw new IllegalArgumentException("team size must be in [1, " + PART_MASK + "], was " + size);
        }
        this.size = size;
        threads = new Thread[size - 1];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(this::serve, name + "-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Number of parts {@link #run} runs. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code part.accept(p)} once for every p in [0, size), at once on this thread and the team's; returns when
     * all have ended.
     *
     * @throws RuntimeException or Error: a part's failure, once all parts have ended
     */
    public void run(IntConsumer part) {
        if (closed) {
            throw new IllegalStateException("the team is closed");
        }
        if (size == 1) {
            part.accept(0);
            return;
        }
        final long g = ++generation;
        task = part;
        failure = null;
        caller = Thread.currentThread();
        remaining.set(size);
        claims.set(g << PART_BITS);
        if (parkedCount.get() > 0) {
            for (Thread t : threads) {
                LockSupport.unpark(t);
            }
        }
        work(g, part);
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while (remaining.get() > 0) {
            if (System.nanoTime() < spinEnd) {
                spinPause();
                continue;
            }
            callerParked = true;
            if (remaining.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
        task = null;
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /** Claims and runs parts of call g until none is left. */
    private void work(long g, IntConsumer part) {
        while (true) {
            long c = claims.get();
            if (c >>> PART_BITS != g || (c & PART_MASK) >= size) {
                return;
            }
            if (!claims.compareAndSet(c, c + 1)) {
                continue;
            }
            try {
                part.accept((int) (c & PART_MASK));
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (remaining.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void serve() {
        long seen = 0;
        while (true) {
            long spinEnd = System.nanoTime() + SPIN_NANOS;
            long c;
            while ((c = claims.get()) >>> PART_BITS == seen && !closed) {
                if (System.nanoTime() < spinEnd) {
                    spinPause();
                    continue;
                }
                parkedCount.incrementAndGet();
                if (claims.get() >>> PART_BITS == seen && !closed) {
                    LockSupport.park(this);
                }
                parkedCount.decrementAndGet();
            }
            if (closed) {
                return;
            }
            seen = c >>> PART_BITS;
            IntConsumer t = task;
            if (t != null) {
                work(seen, t);
            }
        }
    }

    /**
     * A pause in a spin loop: a few reads of a field, without the PAUSE instruction of {@link Thread#onSpinWait}. On
     * this project's 2-core virtual machine a PAUSE loop can make the hypervisor deschedule the spinning vCPU (pause
     * loop exiting): {@code mnist-mlp} faithful on 2 threads ran 479 and 500 samples/s with onSpinWait against 531 and
     * 554 without it, interleaved (1 thread: 582 and 571).
     */
    private void spinPause() {
        for (int i = 0; i < 16; i++) {
            if (closed) {
                return;
            }
        }
    }

    /** Ends the team's threads (they finish a part they are running first). */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
