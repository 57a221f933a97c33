/**
 * Spoken-word corpora as data sets: listings of TI46 (TI-ALPHA and TI-20, in the layout of the LDC93S9 disc) and the
 * Free Spoken Digit Dataset with their splits, and {@link io.snn4j.data.speech.SpeechDataset}, which turns recordings
 * into input spikes through an auditory front-end and a cochleagram encoder. May import {@code io.snn4j.event},
 * {@code io.snn4j.data}, {@code io.snn4j.data.audio}, {@code io.snn4j.data.encode} and {@code io.snn4j.data.dataset}.
 */
package io.snn4j.data.speech;
