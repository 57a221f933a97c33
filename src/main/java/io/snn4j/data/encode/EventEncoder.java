package io.snn4j.data.encode;

import io.snn4j.data.EventStream;
import io.snn4j.event.InputSpikes;

/** Turns one event recording into input spikes of a fixed channel count and tick window. */
public interface EventEncoder {
    InputSpikes encode(EventStream events);

    int channelCount();

    /** Ticks kept are {@code 0 .. tickCount-1}. */
    int tickCount();
}
