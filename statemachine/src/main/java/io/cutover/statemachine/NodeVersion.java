package io.cutover.statemachine;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Node.js version as {@code node --version} prints it ({@code v22.23.3}). */
public record NodeVersion(int major, int minor, int patch) implements Comparable<NodeVersion> {
    /**
     * aws-local-stepfunctions 3.0.0 needs Node 22; run-workflow.mjs also needs {@code module.registerHooks},
     * which Node 22 has from 22.15.
     */
    public static final NodeVersion REQUIRED = new NodeVersion(22, 15, 0);

    private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Comparator<NodeVersion> ORDER = Comparator.comparingInt(NodeVersion::major)
            .thenComparingInt(NodeVersion::minor).thenComparingInt(NodeVersion::patch);

    public static NodeVersion parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a node version (expected vMAJOR.MINOR.PATCH): '" + text + "'");
        }
        return new NodeVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    public boolean isAtLeast(NodeVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(NodeVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
