package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.snn4j.export.proto.ModelProto;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ties the runtime's decoder to {@code proto/snn4j/v1/model.proto}: every (message, field name, number, type) in
 * {@link Schema} must match the descriptors of the generated classes, and every field of a message the decoder reads
 * is either decoded or listed here as deliberately skipped, so a new field in the schema is not ignored unnoticed.
 */
class SchemaTest {
    /** Fields the runtime does not need: provenance, encodings, informational times, export-only statistics. */
    private static final Set<String> SKIPPED = Set.of(
            "ModelProto.producer_name", "ModelProto.producer_version", "ModelProto.doc", "ModelProto.metadata",
            "ModelProto.provenance", "ModelProto.input_encoding", "ModelProto.output_decoding",
            "LifProto.tau_mem_us", "LifProto.tau_syn_us", "LifProto.refractory_us",
            "FixedPointProto.thresholds", "FixedPointProto.worst_case_input");

    @Test
    void everyDecodedFieldMatchesTheGeneratedDescriptors() {
        var file = ModelProto.getDescriptor().getFile();
        Set<String> decoded = new HashSet<>();
        List<String> mismatches = new ArrayList<>();
        int fields = 0;
        for (Class<?> message : Schema.class.getDeclaredClasses()) {
            if (message.isAnnotation()) {
                continue;
            }
            Descriptor d = file.findMessageTypeByName(message.getSimpleName());
            assertNotNull(d, "model.proto has no message " + message.getSimpleName());
            for (Field f : message.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) {
                    continue;
                }
                fields++;
                String name = f.getName().toLowerCase(Locale.ROOT);
                Schema.Type type = f.getAnnotation(Schema.Type.class);
                assertNotNull(type, message.getSimpleName() + "." + f.getName() + " has no @Type");
                FieldDescriptor fd = d.findFieldByName(name);
                String where = d.getName() + "." + name;
                if (fd == null) {
                    mismatches.add(where + ": no such field in model.proto");
                    continue;
                }
                decoded.add(where);
                int number;
                try {
                    number = f.getInt(null);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                String actualType = fd.getType() == FieldDescriptor.Type.MESSAGE
                        ? fd.getMessageType().getName() : fd.getType().name().toLowerCase(Locale.ROOT);
                if (fd.getNumber() != number) {
                    mismatches.add(where + ": number " + number + " in the decoder, " + fd.getNumber() + " in the schema");
                }
                if (!actualType.equals(type.value())) {
                    mismatches.add(where + ": type " + type.value() + " in the decoder, " + actualType + " in the schema");
                }
                if (fd.isRepeated() != type.repeated()) {
                    mismatches.add(where + ": repeated " + type.repeated() + " in the decoder, " + fd.isRepeated()
                            + " in the schema");
                }
            }
            for (FieldDescriptor fd : d.getFields()) {
                String where = d.getName() + "." + fd.getName();
                if (!decoded.contains(where) && !SKIPPED.contains(where)) {
                    mismatches.add(where + " (number " + fd.getNumber() + ") is neither decoded nor listed as skipped");
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(fields > 90, "only " + fields + " fields found");
        // every message reachable from ModelProto's body is decoded (the 1.1 header messages are skipped whole)
        Set<String> messages = new HashSet<>();
        for (Class<?> c : Schema.class.getDeclaredClasses()) {
            messages.add(c.getSimpleName());
        }
        for (String m : List.of("NetworkProto", "PopulationProto", "LifProto", "FixedPointProto", "ProjectionProto",
                "DenseProto", "SparseProto", "RandomProto", "OneToOneProto", "Conv2dProto", "PoolProto",
                "LateralInhibitionProto", "QuantizedWeightsProto", "FeedForwardProto", "LayerProto",
                "DenseLayerProto", "Conv2dLayerProto", "PoolLayerProto", "ShapeProto")) {
            assertTrue(messages.contains(m), m + " is not decoded");
        }
    }
}
