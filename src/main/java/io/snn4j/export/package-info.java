/**
 * Export and checkpoints: exporters to neuromorphic targets (lossless float, NIR in HDF5, hardware profiles with core
 * placement and routing, fixed-point weights), training checkpoints and target profiles. Model files themselves are
 * read and written by {@code io.snn4j.model}.
 *
 * <p>May import {@code event}, {@code neuron}, {@code network}, {@code train}, {@code model} and {@code pipeline};
 * the generated code of the checkpoint and target schemas lives in {@code io.snn4j.export.proto}.
 */
package io.snn4j.export;
