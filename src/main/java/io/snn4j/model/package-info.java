/**
 * The model format: the one loader of text and binary model files ({@link io.snn4j.model.ModelFiles}) into
 * {@code network.NetworkSpec} through the one validator, the writer of trained models, and the generated schema
 * classes ({@code io.snn4j.model.proto}, from {@code proto/snn4j/v1/model.proto}). May import the core packages,
 * {@code io} and protobuf-java.
 */
package io.snn4j.model;
