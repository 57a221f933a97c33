/**
 * Audio files for speech data sets: readers for RIFF/WAVE and NIST SPHERE into mono {@link io.snn4j.data.audio.Audio}
 * and a band-limited windowed-sinc {@link io.snn4j.data.audio.Resampler}. May import {@code io.snn4j.data} (for
 * {@code MalformedDataException}).
 */
package io.snn4j.data.audio;
