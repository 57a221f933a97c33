/**
 * Turns data into {@link io.snn4j.event.InputSpikes}: channel layouts and time binning of address events, rate or
 * latency encoders for static images, and cochleagram encoders for speech ({@link io.snn4j.data.encode.BsaEncoder},
 * {@link io.snn4j.data.encode.PoissonEncoder}, {@link io.snn4j.data.encode.DeltaEncoder}). May import
 * {@code io.snn4j.event}, {@code io.snn4j.data}, {@code io.snn4j.data.audio} and {@code io.snn4j.pipeline} (a model's
 * input pipeline as an encoder).
 */
package io.snn4j.data.encode;
