/**
 * Immutable network descriptions (populations, projections, validation) and their compiled form for the engines
 * (global neuron indices, CSR and kernel connectivity). May import {@code io.snn4j.event}, {@code io.snn4j.neuron} and
 * {@code io.snn4j.backend} (the kernels of dense delivery).
 */
package io.snn4j.network;
