/**
 * Spikes and timestamped events as primitive buffers: input spike trains, spike records, the event heap and touch
 * sets the engines share. Imports nothing from other snn4j packages.
 */
package io.snn4j.event;
