/**
 * Model files and export: reading and writing {@code snn4j.v1.ModelProto} (schema version policy, mapping between
 * the protobuf messages and {@link io.snn4j.network.NetworkSpec}), and exporters to neuromorphic targets (lossless
 * float, NIR in HDF5, hardware profiles with core placement and routing, fixed-point weights).
 *
 * <p>May import {@code event}, {@code neuron}, {@code network} and {@code train}; generated protobuf code lives in
 * {@code io.snn4j.export.proto}.
 */
package io.snn4j.export;
