/**
 * HM2-BP training (Jin, Zhang &amp; Li, NeurIPS 2018): spike-train level post-synaptic potentials, the rate-coded loss,
 * micro-level gradients, Adam and the trainer that drives the {@link io.snn4j.engine.SteppedEngine}; the seams through
 * which a cluster computes a minibatch's gradients ({@link io.snn4j.train.BatchGradients},
 * {@link io.snn4j.train.Cluster}), sweeps, the evaluation of a network on a data set
 * ({@link io.snn4j.train.DatasetRun}) and a whole training run into a folder ({@link io.snn4j.train.TrainingRun}). May
 * import event, neuron, network, backend, engine, data and model (to write {@code model.pb}).
 */
package io.snn4j.train;
