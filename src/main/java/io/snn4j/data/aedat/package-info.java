/**
 * iniVation AEDAT event files: the AEDAT 4.0 reader (FlatBuffer packets; LZ4 frames, linked blocks included, by our
 * own decoder; Zstd frames through zstd-jni) with a hand-written,
 * bounds-checked FlatBuffer view. May import {@code io.snn4j.data}.
 */
package io.snn4j.data.aedat;
