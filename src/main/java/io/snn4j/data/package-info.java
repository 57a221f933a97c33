/**
 * Data sets and event files: the pull-based {@link io.snn4j.data.EventSource} that every event-file reader implements
 * (batches of primitive arrays, triggers apart, bounded memory, over any {@link java.io.InputStream}), writers, readers
 * for image formats, transforms, encoders and binning into {@link io.snn4j.event.InputSpikes}. This package imports
 * only the format subpackages ({@code data.nmnist}, {@code data.aedat}, {@code data.prophesee}, {@code data.csv}),
 * which import it, for {@link io.snn4j.data.EventSources} to dispatch to them; the {@code data} tree as a whole may
 * import {@code io.snn4j.event}, {@code io.snn4j.model} and {@code io.snn4j.pipeline} (a model's input pipeline
 * applied to recordings, in {@code data.transform} and {@code data.encode}).
 */
package io.snn4j.data;
