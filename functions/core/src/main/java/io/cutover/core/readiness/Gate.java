package io.cutover.core.readiness;

/** Which decision the verdict is for: shifting readers tolerates more lag than moving the writer. */
public enum Gate {
    READER, WRITER
}
