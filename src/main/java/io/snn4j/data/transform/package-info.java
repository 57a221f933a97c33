/**
 * Composable, seeded transforms of {@link io.snn4j.data.EventStream}s (crops, denoising, refractory filtering,
 * downsampling, augmentation, N-MNIST saccade stabilisation), all working on primitive arrays. May import
 * {@code io.snn4j.data}, {@code io.snn4j.model} and {@code io.snn4j.pipeline} (saccade stabilisation from a model
 * file's saccade compensation).
 */
package io.snn4j.data.transform;
