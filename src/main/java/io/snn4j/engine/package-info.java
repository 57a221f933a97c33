/**
 * Simulators: the stepped throughput engine and the fully event-driven engine, their shared result type. May import
 * {@code io.snn4j.event}, {@code io.snn4j.neuron}, {@code io.snn4j.network} and {@code io.snn4j.backend}.
 */
package io.snn4j.engine;
