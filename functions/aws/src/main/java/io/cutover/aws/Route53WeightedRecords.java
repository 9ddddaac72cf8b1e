package io.cutover.aws;

import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.ObservedRecord;
import io.cutover.core.port.cloud.RecordAtName;
import io.cutover.core.port.cloud.RecordChangeRejectedException;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordPairReading;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.WeightChangeNotConfirmedException;
import io.cutover.core.port.cloud.WeightedRecords;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.time.Deadline;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Route 53 weighted record pairs. Both records of a group always travel in one ChangeResourceRecordSets batch,
 * which Route 53 applies atomically, so a group is never left with one record changed and the other not.
 *
 * <p>Route 53 answers HTTP 400 {@code PriorRequestNotComplete} while an earlier change to the same zone is
 * still being processed, and HTTP 400 {@code Throttling} above its request rate. Both are retried here with
 * jittered exponential backoff inside the caller's deadline (the Route 53 client is built without SDK retries,
 * see {@link AwsClients}).
 */
public final class Route53WeightedRecords implements WeightedRecords {

    /**
     * Timing of retries and change polling.
     *
     * @param readTimeout how long {@link #read} may keep retrying throttled reads
     */
    public record Pacing(Duration initialBackoff, Duration maxBackoff, Duration changePollInterval,
                         Duration readTimeout) {
        public Pacing {
            new Backoff(initialBackoff, maxBackoff);
            Objects.requireNonNull(changePollInterval, "changePollInterval");
            Objects.requireNonNull(readTimeout, "readTimeout");
        }

        /** Route 53 usually reaches INSYNC within 60 s; a 2 s poll sees it promptly without throttling. */
        public static Pacing defaults() {
            return new Pacing(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(2),
                    Duration.ofSeconds(30));
        }

        Backoff backoff() {
            return new Backoff(initialBackoff, maxBackoff);
        }
    }

    private static final Set<String> RETRYABLE_CODES = Set.of(
            "PriorRequestNotComplete", "Throttling", "ThrottlingException", "RequestLimitExceeded");
    private static final String PAGE_SIZE = "100";
    private static final String INVALID_CHANGE_BATCH = "InvalidChangeBatch";
    private static final Function<InterruptedException, IllegalStateException> INTERRUPTED =
            e -> new IllegalStateException("interrupted while waiting to retry", e);

    private final Supplier<Route53Client> route53;
    private final Pacing pacing;
    private final Clock clock;
    private final Supplier<RandomGenerator> randomness;

    public Route53WeightedRecords(Supplier<Route53Client> route53) {
        this(route53, Pacing.defaults(), Clock.systemUTC(), SecureRandom::new);
    }

    /**
     * @param randomness a fresh generator per call: nothing random is created at construction, so a SnapStart
     *                   snapshot cannot make restored environments draw the same jitter
     */
    public Route53WeightedRecords(Supplier<Route53Client> route53, Pacing pacing, Clock clock,
                                  Supplier<RandomGenerator> randomness) {
        this.route53 = Objects.requireNonNull(route53, "route53");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
    }

    @Override
    public RecordPairReading read(RecordGroupRef group) {
        try {
            return readPages(group);
        } catch (RetriesExhaustedException e) {
            throw new IllegalStateException("cannot read the records of group " + group.describe() + ": "
                    + e.getMessage(), e.getCause());
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the records of group " + group.describe() + ": "
                    + summary(e), e);
        }
    }

    private RecordPairReading readPages(RecordGroupRef group) {
        Deadline deadline = Deadline.after(clock, pacing.readTimeout());
        RandomGenerator random = randomness.get();
        String wantedName = normalizeName(group.recordName());
        ObservedRecord source = null;
        ObservedRecord target = null;
        String startIdentifier = null;
        while (true) {
            String from = startIdentifier;
            ListResourceRecordSetsResponse page = withRetries(deadline, random, "ListResourceRecordSets " + group.describe(),
                    () -> route53.get().listResourceRecordSets(r -> r.hostedZoneId(group.hostedZoneId())
                            .startRecordName(group.recordName())
                            .startRecordType(group.type())
                            .startRecordIdentifier(from)
                            .maxItems(PAGE_SIZE)));
            for (ResourceRecordSet set : page.resourceRecordSets()) {
                // The listing starts at our name and type and runs on in DNS order: the first other name or
                // type means every record of the group has been seen.
                if (!normalizeName(set.name()).equals(wantedName) || !group.type().equals(set.typeAsString())) {
                    return new RecordPairReading(group, Optional.ofNullable(source), Optional.ofNullable(target));
                }
                if (group.source().setIdentifier().equals(set.setIdentifier())) {
                    source = observed(set);
                } else if (group.target().setIdentifier().equals(set.setIdentifier())) {
                    target = observed(set);
                }
            }
            boolean moreOfSameRecord = Boolean.TRUE.equals(page.isTruncated())
                    && page.nextRecordName() != null && normalizeName(page.nextRecordName()).equals(wantedName)
                    && group.type().equals(page.nextRecordTypeAsString()) && page.nextRecordIdentifier() != null;
            if (!moreOfSameRecord || (source != null && target != null)) {
                return new RecordPairReading(group, Optional.ofNullable(source), Optional.ofNullable(target));
            }
            startIdentifier = page.nextRecordIdentifier();
        }
    }

    @Override
    public AppliedWeights apply(RecordGroupRef group, Weights weights, Duration timeout) {
        Objects.requireNonNull(weights, "weights");
        String comment = "cutover " + group.groupName() + ": " + group.source().setIdentifier() + "="
                + weights.source() + " " + group.target().setIdentifier() + "=" + weights.target();
        try {
            return submitAndWait(group, weights, timeout, comment, List.of(
                    weighted(ChangeAction.UPSERT, group, group.source(), weights.source()),
                    weighted(ChangeAction.UPSERT, group, group.target(), weights.target())));
        } catch (SdkException e) {
            throw new IllegalStateException("Route 53 rejected the weights {" + describe(group, weights)
                    + "} for group " + group.describe() + ": " + summary(e) + "; neither record was changed", e);
        }
    }

    /**
     * The same batch as a weight change: UPSERT of both records with their set identifiers, values and the weights
     * as read, and the new TTL. UPSERT updates a record set whose name, type and set identifier match (Route 53 API
     * Reference, Change: "If a resource record set does exist, Route 53 updates it with the values in the request"),
     * and a batch is applied all or nothing, so the group never holds two TTLs; Route 53 requires one TTL for all the
     * records of a weighted group (Developer Guide, "Values specific for weighted records").
     */
    @Override
    public AppliedWeights changeTtl(RecordGroupRef group, Weights held, Duration timeout) {
        Objects.requireNonNull(held, "held");
        String comment = "cutover " + group.groupName() + ": TTL " + group.ttl() + " s, weights kept ("
                + describe(group, held) + ")";
        try {
            return submitAndWait(group, held, timeout, comment, List.of(
                    weighted(ChangeAction.UPSERT, group, group.source(), held.source()),
                    weighted(ChangeAction.UPSERT, group, group.target(), held.target())));
        } catch (SdkException e) {
            throw new IllegalStateException("Route 53 rejected the TTL " + group.ttl() + " s for group "
                    + group.describe() + ": " + summary(e) + "; neither record was changed", e);
        }
    }

    @Override
    public List<RecordAtName> recordsAt(RecordGroupRef group) {
        Deadline deadline = Deadline.after(clock, pacing.readTimeout());
        RandomGenerator random = randomness.get();
        String wantedName = normalizeName(group.recordName());
        List<RecordAtName> found = new ArrayList<>();
        String fromType = null;
        String fromIdentifier = null;
        try {
            while (true) {
                String type = fromType;
                String identifier = fromIdentifier;
                ListResourceRecordSetsResponse page = withRetries(deadline, random, "ListResourceRecordSets "
                        + group.describe(), () -> route53.get().listResourceRecordSets(r -> r
                        .hostedZoneId(group.hostedZoneId()).startRecordName(group.recordName())
                        .startRecordType(type).startRecordIdentifier(identifier).maxItems(PAGE_SIZE)));
                for (ResourceRecordSet set : page.resourceRecordSets()) {
                    // The listing runs on in DNS order from our name: the first other name ends it.
                    if (!normalizeName(set.name()).equals(wantedName)) {
                        return List.copyOf(found);
                    }
                    found.add(new RecordAtName(set.typeAsString(), set.setIdentifier(), set.weight(), set.ttl(),
                            set.hasResourceRecords() ? set.resourceRecords().stream().map(ResourceRecord::value)
                                    .toList() : List.of()));
                }
                if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextRecordName() == null
                        || !normalizeName(page.nextRecordName()).equals(wantedName)) {
                    return List.copyOf(found);
                }
                fromType = page.nextRecordTypeAsString();
                fromIdentifier = page.nextRecordIdentifier();
            }
        } catch (RetriesExhaustedException e) {
            throw new IllegalStateException("cannot read the records at " + group.describe() + ": " + e.getMessage(),
                    e.getCause());
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the records at " + group.describe() + ": " + summary(e), e);
        }
    }

    /**
     * The DELETE must repeat the plain record exactly (name, type, TTL, values), or Route 53 refuses the whole batch
     * with InvalidChangeBatch: so a record changed since it was read is never half-replaced (Route 53 API Reference,
     * ChangeResourceRecordSets: "DELETE ... the values must match", and a batch is applied all or nothing).
     */
    @Override
    public AppliedWeights adoptPlain(RecordGroupRef group, RecordAtName plain, Duration timeout) {
        Change delete = Change.builder().action(ChangeAction.DELETE).resourceRecordSet(set -> set
                        .name(group.recordName()).type(plain.type()).ttl(plain.ttl())
                        .resourceRecords(plain.values().stream().map(v -> ResourceRecord.builder().value(v).build())
                                .toList()))
                .build();
        Weights weights = Weights.allSource();
        try {
            return submitAndWait(group, weights, timeout, "cutover " + group.groupName()
                    + ": plain record adopted as the weighted pair, all on the source", List.of(delete,
                    weighted(ChangeAction.CREATE, group, group.source(), weights.source()),
                    weighted(ChangeAction.CREATE, group, group.target(), weights.target())));
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && INVALID_CHANGE_BATCH.equals(e.awsErrorDetails().errorCode())) {
                throw new RecordChangeRejectedException("Route 53 refused to adopt the plain record at "
                        + group.describe() + ": " + summary(e) + "; nothing was changed", e);
            }
            throw new IllegalStateException("Route 53 refused to adopt the plain record at " + group.describe() + ": "
                    + summary(e) + "; nothing was changed", e);
        } catch (SdkException e) {
            throw new IllegalStateException("cannot adopt the plain record at " + group.describe() + ": "
                    + summary(e), e);
        }
    }

    /** Submits one batch (retrying throttling and prior changes) and polls GetChange until INSYNC. */
    private AppliedWeights submitAndWait(RecordGroupRef group, Weights weights, Duration timeout, String comment,
                                         List<Change> changes) {
        Deadline deadline = Deadline.after(clock, timeout);
        RandomGenerator random = randomness.get();
        AtomicInteger attempts = new AtomicInteger();
        ChangeInfo submitted;
        try {
            submitted = withRetries(deadline, random, "ChangeResourceRecordSets " + group.describe(), () -> {
                attempts.incrementAndGet();
                return route53.get().changeResourceRecordSets(r -> r.hostedZoneId(group.hostedZoneId())
                        .changeBatch(b -> b.comment(comment).changes(changes))).changeInfo();
            });
        } catch (RetriesExhaustedException e) {
            throw new WeightChangeNotConfirmedException(group, weights, null, attempts.get(),
                    "deadline of " + timeout + " reached; last error: " + summary(e.lastError())
                            + (e.lastError() instanceof SdkClientException ? " (a request that failed in transit may"
                            + " still have reached Route 53)" : ""), e.lastError());
        }
        Instant submittedAt = submitted.submittedAt() != null ? submitted.submittedAt() : clock.instant();
        String changeId = bareChangeId(submitted.id());
        ChangeStatus status = submitted.status();
        int polls = 0;
        while (status != ChangeStatus.INSYNC) {
            if (!deadline.waitFor(pacing.changePollInterval(), INTERRUPTED)) {
                throw new WeightChangeNotConfirmedException(group, weights, changeId, attempts.get(),
                        "still " + status + " when the deadline of " + timeout + " was reached after " + polls
                                + " GetChange call(s)", null);
            }
            polls++;
            try {
                status = withRetries(deadline, random, "GetChange " + changeId,
                        () -> route53.get().getChange(r -> r.id(changeId))).changeInfo().status();
            } catch (RetriesExhaustedException e) {
                throw new WeightChangeNotConfirmedException(group, weights, changeId, attempts.get(),
                        "GetChange kept failing until the deadline of " + timeout + ": " + e.getMessage(), e.getCause());
            } catch (SdkException e) {
                throw new WeightChangeNotConfirmedException(group, weights, changeId, attempts.get(),
                        "GetChange failed: " + summary(e), e);
            }
        }
        return new AppliedWeights(group, weights, changeId, submittedAt, clock.instant(), attempts.get());
    }

    private static Change weighted(ChangeAction action, RecordGroupRef group, RecordTarget record, int weight) {
        return Change.builder().action(action).resourceRecordSet(set -> set
                        .name(group.recordName())
                        .type(group.type())
                        .setIdentifier(record.setIdentifier())
                        .weight((long) weight)
                        .ttl(group.ttl())
                        .resourceRecords(ResourceRecord.builder().value(record.value()).build()))
                .build();
    }

    private static ObservedRecord observed(ResourceRecordSet set) {
        String value = set.hasResourceRecords() && !set.resourceRecords().isEmpty()
                ? set.resourceRecords().getFirst().value()
                : set.aliasTarget() != null ? set.aliasTarget().dnsName() : null;
        return new ObservedRecord(set.setIdentifier(), set.weight() == null ? 0 : set.weight(), set.ttl(), value);
    }

    private <T> T withRetries(Deadline deadline, RandomGenerator random, String what, Supplier<T> call) {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return call.get();
            } catch (SdkException e) {
                if (!retryable(e)) {
                    throw e;
                }
                if (!deadline.waitFor(pacing.backoff().delay(attempt, random), INTERRUPTED)) {
                    throw new RetriesExhaustedException(what + " still failing after " + attempt + " attempt(s): "
                            + summary(e), e);
                }
            }
        }
    }

    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            // An error without a code (a bare 4xx) is not retryable; Set.of(...).contains(null) would throw.
            return (code != null && RETRYABLE_CODES.contains(code)) || service.statusCode() >= 500
                    || service.isThrottlingException();
        }
        return e instanceof SdkClientException;
    }

    private static String summary(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String describe(RecordGroupRef group, Weights weights) {
        return group.source().setIdentifier() + "=" + weights.source() + ", "
                + group.target().setIdentifier() + "=" + weights.target();
    }

    static String bareChangeId(String id) {
        return id.startsWith("/change/") ? id.substring("/change/".length()) : id;
    }

    /**
     * Route 53 returns names fully qualified, lowercase, with characters outside [a-z0-9-_.] as \ooo octal
     * escapes (a wildcard comes back as {@code \052}); compare names in that form.
     */
    static String normalizeName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && isOctal(name, i + 1)) {
                out.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        String lower = out.toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }

    /** Our own retries ran out of time; the cause is the last failure. */
    static final class RetriesExhaustedException extends RuntimeException {
        RetriesExhaustedException(String message, SdkException lastError) {
            super(message, lastError);
        }

        SdkException lastError() {
            return (SdkException) getCause();
        }
    }
}
