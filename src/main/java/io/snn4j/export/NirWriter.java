package io.snn4j.export;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a {@link NirGraph} as a NIR HDF5 file with jhdf (formats.md 2.3): root dataset {@code version}, group
 * {@code node} of type {@code NIRGraph} holding {@code nodes/}, {@code edges} (E x 2 strings) and {@code metadata/}.
 * Parameters are datasets, never attributes; strings are fixed-length UTF-8; no zero-length array is written.
 * Stateless and thread-safe.
 */
final class NirWriter {
    /** NIR release whose layout (CubaLIF with v_reset) the files follow. */
    static final String NIR_VERSION = "1.0.7";

    private NirWriter() {
    }

    /** Writes {@code graph} to {@code file} through a temporary file and an atomic rename. */
    static void write(NirGraph graph, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                h.putDataset("version", NIR_VERSION);
                WritableGroup g = h.putGroup("node");
                g.putDataset("type", "NIRGraph");
                WritableGroup nodes = g.putGroup("nodes");
                for (NirGraph.Node n : graph.nodes) {
                    WritableGroup ng = nodes.putGroup(n.id());
                    ng.putDataset("type", n.type());
                    for (Map.Entry<String, Object> d : n.datasets().entrySet()) {
                        ng.putDataset(d.getKey(), d.getValue());
                    }
                }
                String[][] edges = graph.edges.toArray(new String[0][]);
                if (edges.length > 0) {
                    g.putDataset("edges", edges);
                }
                WritableGroup meta = g.putGroup("metadata");
                for (Map.Entry<String, Object> d : graph.metadata.entrySet()) {
                    meta.putDataset(d.getKey(), d.getValue());
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
