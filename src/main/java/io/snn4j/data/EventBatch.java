package io.snn4j.data;

/**
 * A reusable buffer of decoded events, filled by {@link EventSource#read(EventBatch)}: change-detection events as
 * parallel primitive arrays (timestamp in microseconds, x, y, polarity) and, kept apart, external trigger events
 * (timestamp, channel id, value). No object per event.
 *
 * <p>The arrays are handed out raw for speed: entries {@code [0, size())} (events) and {@code [0, triggerCount())}
 * (triggers) are valid until the next {@link #clear()} or read; callers read them and must not keep them. Not
 * thread-safe: one batch belongs to one thread.
 */
public final class EventBatch {
    /** Events per batch when none is given: 64 Ki events, 1 MiB of arrays. */
    public static final int DEFAULT_CAPACITY = 1 << 16;
    /** Room a decoder needs for the largest group of events one input word can carry (an EVT 3.0 vector). */
    public static final int MIN_CAPACITY = 64;

    private final long[] timestampsUs;
    private final short[] xs;
    private final short[] ys;
    private final byte[] polarities;
    private final long[] triggerTimestampsUs;
    private final byte[] triggerIds;
    private final byte[] triggerValues;
    private int size;
    private int triggerCount;

    /** A batch of {@link #DEFAULT_CAPACITY} events and 4096 triggers. */
    public EventBatch() {
        this(DEFAULT_CAPACITY, 4096);
    }

    /**
     * @param capacity        events per batch, at least {@value #MIN_CAPACITY}
     * @param triggerCapacity triggers per batch, at least 1
     */
    public EventBatch(int capacity, int triggerCapacity) {
        if (capacity < MIN_CAPACITY || triggerCapacity < 1) {
            throw new IllegalArgumentException("capacity must be >= " + MIN_CAPACITY
                    + " and triggerCapacity >= 1, were "
                    + capacity + " and " + triggerCapacity);
        }
        timestampsUs = new long[capacity];
        xs = new short[capacity];
        ys = new short[capacity];
        polarities = new byte[capacity];
        triggerTimestampsUs = new long[triggerCapacity];
        triggerIds = new byte[triggerCapacity];
        triggerValues = new byte[triggerCapacity];
    }

    /** Empties the batch (events and triggers). */
    public void clear() {
        size = 0;
        triggerCount = 0;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return timestampsUs.length;
    }

    /** Events that still fit. */
    public int remaining() {
        return timestampsUs.length - size;
    }

    public int triggerCount() {
        return triggerCount;
    }

    /** Triggers that still fit. */
    public int triggerRemaining() {
        return triggerTimestampsUs.length - triggerCount;
    }

    /** True when no events and no triggers are held. */
    public boolean isEmpty() {
        return size == 0 && triggerCount == 0;
    }

    /** Appends an event; the caller checks {@link #remaining()} first. */
    public void add(long timestampUs, int x, int y, int polarity) {
        int i = size++;
        timestampsUs[i] = timestampUs;
        xs[i] = (short) x;
        ys[i] = (short) y;
        polarities[i] = (byte) polarity;
    }

    /**
     * Declares entries {@code [0, n)} of the event arrays valid, for decoders that write the arrays directly.
     *
     * @throws IllegalArgumentException when {@code n} is outside {@code 0..capacity()}
     */
    public void setSize(int n) {
        if (n < 0 || n > timestampsUs.length) {
            throw new IllegalArgumentException("size must be in 0.." + timestampsUs.length + ", was " + n);
        }
        size = n;
    }

    /** Appends a trigger; the caller checks {@link #triggerRemaining()} first. */
    public void addTrigger(long timestampUs, int id, int value) {
        int i = triggerCount++;
        triggerTimestampsUs[i] = timestampUs;
        triggerIds[i] = (byte) id;
        triggerValues[i] = (byte) value;
    }

    /** Timestamps in microseconds; valid entries {@code [0, size())}. */
    public long[] timestampsUs() {
        return timestampsUs;
    }

    /** x addresses; valid entries {@code [0, size())}. */
    public short[] xs() {
        return xs;
    }

    /** y addresses; valid entries {@code [0, size())}. */
    public short[] ys() {
        return ys;
    }

    /** Polarities, 0 (OFF) or 1 (ON); valid entries {@code [0, size())}. */
    public byte[] polarities() {
        return polarities;
    }

    /** Trigger timestamps in microseconds; valid entries {@code [0, triggerCount())}. */
    public long[] triggerTimestampsUs() {
        return triggerTimestampsUs;
    }

    /** Trigger channel ids; valid entries {@code [0, triggerCount())}. */
    public byte[] triggerIds() {
        return triggerIds;
    }

    /** Trigger values (edge: 1 rising, 0 falling); valid entries {@code [0, triggerCount())}. */
    public byte[] triggerValues() {
        return triggerValues;
    }
}
