/**
 * HM2-BP training (Jin, Zhang &amp; Li, NeurIPS 2018): spike-train level post-synaptic potentials, the rate-coded loss,
 * micro-level gradients, Adam and the trainer that drives the {@link io.snn4j.engine.SteppedEngine}; the seams through
 * which a cluster computes a minibatch's gradients ({@link io.snn4j.train.BatchGradients},
 * {@link io.snn4j.train.Cluster}), and sweeps. May import
 * event, neuron, network, backend, engine and data.
 */
package io.snn4j.train;
