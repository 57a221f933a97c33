/**
 * The inference-time input pipeline: what a model's input went through before its first layer (sensor geometry,
 * time origin, saccade compensation, crop, downsample, polarity, channel mapping, binning), built from the model
 * file's {@code input_pipeline} and applied identically by training's data sets, {@code eval}, {@code run},
 * {@code simulate} and the embedding runtime. May import the core packages and {@code model}.
 */
package io.snn4j.pipeline;
