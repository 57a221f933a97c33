/**
 * The networks and inputs of the built-in benchmarks ({@code snn4j bench}): the CUBA network at any size, the
 * N-MNIST-sized network of the sparse-input benchmark and its integer version, emulated recordings of built-in digits.
 * May import event, neuron, network, model and data.
 */
package io.snn4j.bench;
