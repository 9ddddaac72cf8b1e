package io.cutover.aws;

import java.util.Objects;
import java.util.regex.Pattern;

/** Parameter Store names of a migration's documents: {@code {root}/{migrationId}/{name}}. */
record ParameterNames(String root) {
    public static final String DEFAULT_ROOT = "/cutover";
    // Parameter Store allows a-zA-Z0-9_.- in each path segment; one segment per part keeps the layout flat.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    ParameterNames {
        Objects.requireNonNull(root, "root");
        if (!root.startsWith("/") || root.endsWith("/")) {
            throw new IllegalArgumentException("parameter root must start with / and not end with /, was '" + root + "'");
        }
    }

    String of(String migrationId, String name) {
        return root + "/" + segment("migrationId", migrationId) + "/" + segment("name", name);
    }

    private static String segment(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' is not a Parameter Store path segment (1-128 of A-Z a-z 0-9 _ . -)");
        }
        return value;
    }
}
