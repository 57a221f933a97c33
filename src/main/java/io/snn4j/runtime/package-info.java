/**
 * The embedding runtime: load a model once ({@link io.snn4j.runtime.SnnModel}), push sensor events into sessions
 * ({@link io.snn4j.runtime.Session}) as they arrive and read the current class. Depends on model loading and the
 * stepped engine, nothing of the trainer. May import {@code io.snn4j.export}, {@code io.snn4j.engine},
 * {@code io.snn4j.network}, {@code io.snn4j.backend}.
 */
package io.snn4j.runtime;
