/**
 * iniVation AEDAT event files: AEDAT 4.0 (FlatBuffer packets read through a bounds-checked view; LZ4 frames, linked
 * blocks included, by our own decoder; Zstd frames through zstd-jni) and AEDAT 3.1 (cAER packets). May import
 * {@code io.snn4j.data}.
 */
package io.snn4j.data.aedat;
