package io.snn4j.data.speech;

import java.io.IOException;

/**
 * A corpus folder that does not have the expected layout: a missing folder, a file whose name does not follow the
 * corpus naming convention, a file in the wrong folder, or no recordings at all. The message names the folder or
 * files and what was expected.
 */
public class CorpusLayoutException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorpusLayoutException(String message) {
        super(message);
    }
}
