/**
 * The visual explanation of a training run: {@link io.snn4j.report.TrainingRecorder} writes what the report needs
 * into a run folder's {@code report/} subfolder while the trainer runs, and {@link io.snn4j.report.ReportWriter} turns
 * a run folder into one self-contained HTML page of JFreeChart figures. May import event, neuron, network, backend,
 * engine, model, pipeline, data, train and export.
 */
package io.snn4j.report;
