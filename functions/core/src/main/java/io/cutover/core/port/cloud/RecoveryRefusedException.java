package io.cutover.core.port.cloud;

/** A recovery action that cannot work on this cluster, refused before any change was requested. */
public final class RecoveryRefusedException extends RuntimeException {
    private final String clusterId;
    private final String engine;

    public RecoveryRefusedException(String clusterId, String engine, String message) {
        super(message);
        this.clusterId = clusterId;
        this.engine = engine;
    }

    public String clusterId() {
        return clusterId;
    }

    public String engine() {
        return engine;
    }
}
