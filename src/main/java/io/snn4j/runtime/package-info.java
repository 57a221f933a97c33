/**
 * The embedding runtime: load a model once ({@link io.snn4j.runtime.SnnModel}), push sensor events into sessions
 * ({@link io.snn4j.runtime.Session}) as they arrive and read the current class. It runs the core stepped engine over
 * the compiled network, loads models through the one model loader ({@code io.snn4j.model.ModelFiles}) and feeds
 * events through the model's own input pipeline ({@code io.snn4j.pipeline}), so it gives the spikes and classes of
 * training's evaluation. It ships as the {@code snn4j-runtime} jar: the core packages, {@code model},
 * {@code pipeline} and this one, beside protobuf-java alone. May import the core packages, {@code model},
 * {@code pipeline} and {@code io}.
 */
package io.snn4j.runtime;
