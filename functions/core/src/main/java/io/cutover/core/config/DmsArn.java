package io.cutover.core.config;

import java.util.regex.Pattern;

/** The shape every DMS ARN has: {@code arn:PARTITION:dms:REGION:ACCOUNT:TYPE:ID}. */
public final class DmsArn {
    private DmsArn() {
    }

    /**
     * ARNs of one DMS resource type ({@code task}, {@code cert}, ...), with the named groups {@code partition},
     * {@code region}, {@code account} and {@code id}.
     */
    public static Pattern pattern(String resourceType) {
        return Pattern.compile("arn:(?<partition>aws[a-z-]*):dms:(?<region>[a-z0-9-]+):(?<account>\\d{12}):"
                + Pattern.quote(resourceType) + ":(?<id>[A-Za-z0-9-]+)");
    }
}
