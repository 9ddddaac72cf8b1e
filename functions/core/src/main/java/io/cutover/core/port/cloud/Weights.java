package io.cutover.core.port.cloud;

/**
 * The Route 53 weights of a group's two records. Route 53 allows 0 to 255; when both are 0 it splits
 * traffic evenly, which is never what a cutover wants, so that pair is not representable.
 */
public record Weights(int source, int target) {
    public static final int MAX = 255;

    public Weights {
        if (source < 0 || source > MAX || target < 0 || target > MAX) {
            throw new IllegalArgumentException("weights must be 0.." + MAX + ", were " + source + "/" + target);
        }
        if (source == 0 && target == 0) {
            throw new IllegalArgumentException("weights 0/0 split traffic evenly in Route 53; one side must be > 0");
        }
    }

    public static Weights allSource() {
        return new Weights(100, 0);
    }

    public static Weights allTarget() {
        return new Weights(0, 100);
    }

    /** The share of new connections the target receives, in percent (rounded down). */
    public int targetPercent() {
        return target * 100 / (source + target);
    }

    /** Both records receive traffic: for a writer group this is split-brain. */
    public boolean splitsTraffic() {
        return source > 0 && target > 0;
    }

    public static Weights forTargetPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, was " + percent);
        }
        return new Weights(100 - percent, percent);
    }
}
