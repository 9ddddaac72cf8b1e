package io.cutover.core.weights;

import io.cutover.core.port.cloud.RecordAtName;
import io.cutover.core.port.cloud.RecordGroupRef;
import java.util.List;
import java.util.Objects;

/**
 * Whether a group's name can be handed to the cutover: a plain record pointing at the source becomes the weighted
 * pair with all traffic on the source (one Route 53 batch: DELETE the plain record, CREATE both weighted ones), so
 * resolvers see the same answer before and after. Anything else is refused, naming what is there, because adopting
 * it would change where connections go.
 */
public final class RecordAdoption {
    private RecordAdoption() {
    }

    /** What to do with one group. */
    public sealed interface Plan {
        RecordGroupRef group();

        String reason();
    }

    /** The weighted pair is already there (whatever its weights): nothing to do. */
    public record AlreadyAdopted(RecordGroupRef group, String reason) implements Plan {
    }

    /** Replace {@code plain} by the pair at 100/0 in one batch. */
    public record Replace(RecordGroupRef group, RecordAtName plain, String reason) implements Plan {
        public Replace {
            Objects.requireNonNull(plain, "plain");
        }
    }

    /** Nothing may change: what is at the name is not a plain record of the source. */
    public record Refused(RecordGroupRef group, String reason) implements Plan {
    }

    /** @param found every record set Route 53 holds at the group's name, any type */
    public static Plan plan(RecordGroupRef group, List<RecordAtName> found) {
        String where = group.describe();
        if (found.isEmpty()) {
            return new Refused(group, where + ": no record at the name; adoption replaces an existing plain "
                    + group.type() + " that points at the source (" + group.source().value() + ")");
        }
        List<RecordAtName> ofType = found.stream().filter(r -> r.type().equals(group.type())).toList();
        if (ofType.size() != found.size()) {
            return new Refused(group, where + ": records of another type are at the name: " + describe(found));
        }
        boolean pair = ofType.size() == 2
                && ofType.stream().anyMatch(r -> group.source().setIdentifier().equals(r.setIdentifier()))
                && ofType.stream().anyMatch(r -> group.target().setIdentifier().equals(r.setIdentifier()))
                && ofType.stream().allMatch(r -> r.weight() != null);
        if (pair) {
            return new AlreadyAdopted(group, where + ": the weighted pair is there already; nothing to adopt");
        }
        if (ofType.size() != 1 || !ofType.getFirst().isPlain()) {
            return new Refused(group, where + ": expected one plain " + group.type() + " record, found "
                    + describe(found));
        }
        RecordAtName plain = ofType.getFirst();
        if (plain.values().size() != 1 || !sameName(plain.values().getFirst(), group.source().value())) {
            return new Refused(group, where + ": the plain record points at " + plain.values() + ", not the source "
                    + group.source().value() + "; adopting it would move traffic");
        }
        return new Replace(group, plain, where + ": replace the plain record (ttl " + plain.ttl() + ") by the pair "
                + group.source().setIdentifier() + "=100, " + group.target().setIdentifier() + "=0 (ttl "
                + group.ttl() + ") in one batch");
    }

    /** DNS names compare case-insensitively, with or without the root dot. */
    static boolean sameName(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String describe(List<RecordAtName> found) {
        return String.join("; ", found.stream().map(RecordAtName::describe).toList());
    }
}
