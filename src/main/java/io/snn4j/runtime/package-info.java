/**
 * The embedding runtime: load a binary model once ({@link io.snn4j.runtime.SnnModel}), push sensor events into
 * sessions ({@link io.snn4j.runtime.Session}) as they arrive and read the current class. Self-contained so that it
 * ships as a small jar of its own: it imports nothing of {@code io.snn4j} outside this package, only the JDK,
 * protobuf-java's wire-level reader ({@code com.google.protobuf.CodedInputStream}, {@code WireFormat}) and,
 * optionally at run time, {@code jdk.incubator.vector}.
 *
 * <p>Unlike issue #5's sketch, the runtime does not use the generated message classes of {@code model.proto}: they
 * alone compress to about 255-325 KB, more than the 300 KB budget of the whole runtime jar. It decodes by field
 * number instead ({@code Schema}); a test checks every field it reads against the generated descriptors.
 */
package io.snn4j.runtime;
