package io.cutover.core.config;

import java.util.regex.Pattern;

public record TargetCluster(Engine engine, String clusterIdentifier) {
    /**
     * An RDS cluster or instance identifier as RDS stores it. RDS folds identifiers to lower case, and IAM ARNs,
     * alarm dimensions and API filters built from an identifier compare it exactly, so an upper-case spelling would
     * name nothing.
     */
    public static final Pattern RDS_IDENTIFIER = Pattern.compile("[a-z](?!.*--)[a-z0-9-]{0,62}(?<!-)");

    /** What {@link #RDS_IDENTIFIER} accepts, for problem reports. */
    public static final String RDS_IDENTIFIER_TEXT = "1 to 63 lower-case letters, digits or hyphens, starting with a"
            + " letter, without '--' or a trailing hyphen (RDS keeps identifiers in lower case)";
}
