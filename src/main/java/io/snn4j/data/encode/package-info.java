/**
 * Turns data into {@link io.snn4j.event.InputSpikes}: channel layouts and time binning of address events, and rate or
 * latency encoders for static images. May import {@code io.snn4j.event} and {@code io.snn4j.data}.
 */
package io.snn4j.data.encode;
