/**
 * Composable, seeded transforms of {@link io.snn4j.data.EventStream}s (crops, denoising, refractory filtering,
 * downsampling, augmentation, N-MNIST saccade stabilisation), all working on primitive arrays. May import
 * {@code io.snn4j.data}.
 */
package io.snn4j.data.transform;
