/**
 * Data sets and event files: readers for event-camera and image formats, transforms, encoders and binning into
 * {@link io.snn4j.event.InputSpikes}. May import {@code io.snn4j.event}; {@link io.snn4j.data.EventFiles} also dispatches
 * to the format subpackages ({@code data.nmnist}, {@code data.aedat}), which import this package's
 * {@code EventStream}, {@code EventFile} and {@code MalformedDataException}.
 */
package io.snn4j.data;
