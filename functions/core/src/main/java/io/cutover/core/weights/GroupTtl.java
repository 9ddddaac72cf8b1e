package io.cutover.core.weights;

import java.util.Objects;

/**
 * One record group's TTL around the cutover.
 *
 * @param group       the group's name in the config
 * @param originalTtl the TTL Route 53 held before the workflow changed anything, in seconds; null for an alias record
 *                    (its TTL is the alias target's and cannot be set)
 * @param lowered     whether the workflow lowers this group's TTL (and so restores it afterwards)
 * @param reason      why, in one line
 */
public record GroupTtl(String group, Long originalTtl, boolean lowered, String reason) {
    public GroupTtl {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(reason, "reason");
        if (lowered && originalTtl == null) {
            throw new IllegalArgumentException("group " + group + ": an alias record's TTL cannot be lowered");
        }
    }
}
