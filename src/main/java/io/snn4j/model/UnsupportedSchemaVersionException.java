package io.snn4j.model;

import java.io.IOException;

/** A model file written in a newer major version of the format than this reader knows. */
public final class UnsupportedSchemaVersionException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSchemaVersionException(String file, long fileVersion, int supported) {
        super(file + ": model format version " + fileVersion + " is newer than the newest this snn4j reads ("
                + supported + "); use a newer snn4j");
    }
}
