/**
 * Immutable network descriptions (populations, projections, validation) and their compiled form for the engines
 * (global neuron indices, CSR and kernel connectivity). May import {@code io.snn4j.event} and {@code io.snn4j.neuron}.
 */
package io.snn4j.network;
