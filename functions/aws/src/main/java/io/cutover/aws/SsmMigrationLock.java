package io.cutover.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.LockRelease;
import io.cutover.core.port.cloud.MigrationLock;
import io.cutover.core.port.cloud.MigrationLockUnusableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The migration lock as the Parameter Store parameter {@code /cutover/{migrationId}/lock}, holding
 * {@code {"owner": "<execution name>", "acquiredAt": "<ISO instant>"}}.
 *
 * <p>Acquiring relies on PutParameter with {@code Overwrite=false}, which Parameter Store executes as an atomic
 * create-if-absent: of two concurrent callers exactly one succeeds, the other gets {@code ParameterAlreadyExists}.
 * Releasing reads the holder and then deletes; Parameter Store has no conditional delete, but only the holder
 * ever deletes, so nobody can take the lock between that read and that delete.
 */
public final class SsmMigrationLock implements MigrationLock {
    static final String LOCK = "lock";
    // A lock released between our failed create and our read: try the create again, a few times at most.
    private static final int MAX_CREATE_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SsmClient> ssm;
    private final ParameterNames names;
    private final Clock clock;

    public SsmMigrationLock(Supplier<SsmClient> ssm) {
        this(ssm, ParameterNames.DEFAULT_ROOT, Clock.systemUTC());
    }

    public SsmMigrationLock(Supplier<SsmClient> ssm, String root, Clock clock) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.names = new ParameterNames(root);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public LockAcquisition acquire(String migrationId, String owner) {
        String parameter = names.of(migrationId, LOCK);
        requireOwner(owner);
        for (int attempt = 1; attempt <= MAX_CREATE_ATTEMPTS; attempt++) {
            LockHolder mine = new LockHolder(owner, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            try {
                ssm.get().putParameter(r -> r.name(parameter).value(document(mine)).type(ParameterType.STRING)
                        .overwrite(false).tier(ParameterTier.STANDARD)
                        .description("cutover lock of migration " + migrationId));
                return new LockAcquisition.Acquired(mine, false);
            } catch (ParameterAlreadyExistsException e) {
                Optional<LockHolder> holder = holder(parameter);
                if (holder.isEmpty()) {
                    continue;
                }
                if (holder.get().owner().equals(owner)) {
                    return new LockAcquisition.Acquired(holder.get(), true);
                }
                return new LockAcquisition.Refused(migrationId, owner, holder.get());
            }
        }
        throw new MigrationLockUnusableException("lock " + parameter + " was taken and released " + MAX_CREATE_ATTEMPTS
                + " times while " + owner + " tried to acquire it; another process is cycling it");
    }

    @Override
    public LockRelease release(String migrationId, String owner) {
        String parameter = names.of(migrationId, LOCK);
        requireOwner(owner);
        Optional<LockHolder> holder = holder(parameter);
        if (holder.isEmpty()) {
            return new LockRelease.NotHeld(migrationId);
        }
        if (!holder.get().owner().equals(owner)) {
            return new LockRelease.Refused(migrationId, owner, holder.get());
        }
        try {
            ssm.get().deleteParameter(r -> r.name(parameter));
        } catch (ParameterNotFoundException e) {
            // Gone between our read and our delete: the outcome the caller asked for.
        }
        return new LockRelease.Released(holder.get());
    }

    private Optional<LockHolder> holder(String parameter) {
        String value;
        try {
            value = ssm.get().getParameter(r -> r.name(parameter)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            String owner = node.path("owner").asText("");
            String acquiredAt = node.path("acquiredAt").asText("");
            if (owner.isBlank() || acquiredAt.isBlank()) {
                throw new MigrationLockUnusableException("lock " + parameter + " holds " + abbreviate(value)
                        + ", not {\"owner\": ..., \"acquiredAt\": ...}; remove or fix it by hand");
            }
            return Optional.of(new LockHolder(owner, Instant.parse(acquiredAt)));
        } catch (IOException | DateTimeParseException e) {
            throw new MigrationLockUnusableException("lock " + parameter + " holds " + abbreviate(value)
                    + ", which is not a lock document {\"owner\": ..., \"acquiredAt\": <ISO instant>}", e);
        }
    }

    private static String document(LockHolder holder) {
        ObjectNode node = JSON.createObjectNode();
        node.put("owner", holder.owner());
        node.put("acquiredAt", holder.acquiredAt().toString());
        return node.toString();
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a lock owner (the workflow execution name) is required");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 200 ? "'" + value + "'" : "'" + value.substring(0, 200) + "...'";
    }
}
