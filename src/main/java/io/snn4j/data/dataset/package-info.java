/**
 * The Dataset API: labelled samples of {@link io.snn4j.event.InputSpikes} produced lazily from event streams or images,
 * splits, per-epoch shuffling, a bounded parallel prefetcher and an on-disk cache of binned samples. May import
 * {@code io.snn4j.event}, {@code io.snn4j.data}, {@code io.snn4j.data.transform} and {@code io.snn4j.data.encode}.
 */
package io.snn4j.data.dataset;
