/**
 * Data sets and event files: readers for event-camera and image formats, transforms, encoders and binning into
 * {@link io.snn4j.event.InputSpikes}. May import {@code io.snn4j.event}.
 */
package io.snn4j.data;
