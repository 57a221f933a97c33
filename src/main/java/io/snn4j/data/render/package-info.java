/**
 * Pictures of event data for people: an accumulated ON/OFF event image and a time raster drawn into one
 * {@link java.awt.image.BufferedImage} with Java 2D. May import {@code io.snn4j.data}.
 */
package io.snn4j.data.render;
