/**
 * Pictures of data for people, drawn into one {@link java.awt.image.BufferedImage} with Java 2D: event recordings
 * (an accumulated ON/OFF event image and a time raster) and speech (waveform, cochleagram and spike raster). May
 * import {@code io.snn4j.data}, its subpackages and {@code io.snn4j.event}.
 */
package io.snn4j.data.render;
