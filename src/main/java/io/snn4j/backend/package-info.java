/**
 * Array kernels behind one interface: scalar loops and Java Vector API versions that compute the same floats, and the
 * provider that picks one per JVM. May import {@code io.snn4j.neuron}.
 */
package io.snn4j.backend;
