/**
 * Simulators: the stepped throughput engine and the fully event-driven engine, their shared result type. May import
 * {@code io.snn4j.event}, {@code io.snn4j.neuron} and {@code io.snn4j.network}.
 */
package io.snn4j.engine;
