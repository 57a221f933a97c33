/**
 * The embedding runtime: load a binary model once ({@link io.snn4j.runtime.SnnModel}), push sensor events into
 * sessions ({@link io.snn4j.runtime.Session}) as they arrive and read the current class. Self-contained so that it
 * ships as a small jar of its own: it imports nothing of {@code io.snn4j} outside this package, only the JDK,
 * protobuf-java's wire-level reader ({@code com.google.protobuf.CodedInputStream}, {@code WireFormat}) and,
 * optionally at run time, {@code jdk.incubator.vector}.
 */
package io.snn4j.runtime;
