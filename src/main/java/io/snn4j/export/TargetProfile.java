package io.snn4j.export;

import io.snn4j.model.InvalidModelException;
import io.snn4j.model.UnsupportedSchemaVersionException;
import com.google.protobuf.TextFormat;
import io.snn4j.export.proto.TargetProfileProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resource limits of a neuromorphic target, read from {@code NAME.textproto} (protobuf text format of
 * {@code snn4j.v1.TargetProfileProto}); a limit of 0 means none. Immutable and thread-safe.
 */
record TargetProfile(String name, TargetProfileProto proto) {

    /** Reads profile {@code name} from folder {@code dir}, refusing unknown names with the list of known ones. */
    static TargetProfile load(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".textproto");
        if (!Files.isRegularFile(file)) {
            List<String> known = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".textproto"))
                            .map(f -> f.substring(0, f.length() - ".textproto".length())).sorted().forEach(known::add);
                }
            }
            throw new IllegalArgumentException("unknown hardware profile '" + name + "': no file " + file
                    + (known.isEmpty() ? "" : "; known profiles: " + String.join(", ", known)));
        }
        TargetProfileProto.Builder b = TargetProfileProto.newBuilder();
        try {
            TextFormat.getParser().merge(Files.readString(file, StandardCharsets.UTF_8), b);
        } catch (TextFormat.ParseException e) {
            throw new InvalidModelException(file.toString(), List.of("text format error at " + e.getMessage()));
        }
        TargetProfileProto p = b.build();
        List<String> problems = new ArrayList<>();
        if (p.getFormatVersion() > 1) {
            throw new UnsupportedSchemaVersionException(file.toString(), p.getFormatVersion(), 1);
        }
        if (p.getNeuronsPerCore() < 1) {
            problems.add("neurons_per_core must be >= 1, was " + p.getNeuronsPerCore());
        }
        if (p.getCoresPerChip() < 1) {
            problems.add("cores_per_chip must be >= 1, was " + p.getCoresPerChip());
        }
        if (p.getWeightBits() < 1 || p.getWeightBits() > 32) {
            problems.add("weight_bits must be in [1, 32], was " + p.getWeightBits());
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelException(file.toString(), problems);
        }
        return new TargetProfile(name, p);
    }
}
