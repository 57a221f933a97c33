/**
 * snn4j's own event data: a DVS/ATIS emulator that turns still images into N-MNIST-like recordings (three saccades,
 * log-intensity change detection), digits 0-9 drawn from the project's stroke definitions, and per-sample event
 * statistics for comparing emulated with real recordings. May import {@code io.snn4j.data} and {@code io.snn4j.event}.
 */
package io.snn4j.data.emulate;
