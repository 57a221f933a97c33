/**
 * Audio for speech data sets: readers for RIFF/WAVE and NIST SPHERE into mono {@link io.snn4j.data.audio.Audio}, a
 * band-limited windowed-sinc {@link io.snn4j.data.audio.Resampler}, and auditory front ends turning a recording into
 * a {@link io.snn4j.data.audio.Cochleagram}: {@link io.snn4j.data.audio.LyonEar} (Lyon's passive ear as Slaney's
 * Auditory Toolbox computes it, the HM2-BP TI46 preprocessing) and {@link io.snn4j.data.audio.GammatoneFilterbank}
 * (ERB-spaced gammatone bank for comparison). May import {@code io.snn4j.data} (for {@code MalformedDataException}).
 */
package io.snn4j.data.audio;
