package io.cutover.handlers.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import io.cutover.core.phase.IllegalTransitionException;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.WeightChangeNotConfirmedException;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.rollback.RollbackRefusedException;
import io.cutover.core.weights.ShiftRefusedException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The core's and the adapters' exceptions leave a task as classes of the errors package, the Lambda errorType. */
class TaskErrorsTest {
    private static final RecordGroupRef GROUP = new RecordGroupRef("orders-writer", "Z123", "orders.db.example.com",
            "CNAME", 60, new RecordTarget("source", "src.example.com"), new RecordTarget("target", "tgt.example.com"));

    static Stream<Arguments> causes() {
        return Stream.of(
                cause(() -> new IllegalTransitionException("cannot go from SHIFTING to READY"),
                        PhaseTransitionRefusedException.class),
                cause(() -> new ShiftRefusedException("percent 120"), ReaderShiftRefusedException.class),
                cause(() -> new WeightChangeNotConfirmedException(GROUP, new Weights(0, 100), "C1", 3, "PENDING", null),
                        RecordChangeNotConfirmedException.class),
                cause(() -> new io.cutover.core.port.cloud.RecoveryRefusedException("orders", "aurora-postgresql",
                        "Backtrack exists only for Aurora MySQL"), RecoveryRefusedException.class),
                cause(() -> new RollbackRefusedException("backtrack on aurora-postgresql"),
                        RecoveryRefusedException.class),
                cause(() -> new DatabaseStepException("fence", "permission denied"), DatabaseStepFailedException.class),
                cause(() -> new io.cutover.core.port.db.FenceRefusedException("role app does not exist", List.of("app")),
                        FenceRefusedException.class),
                cause(() -> new io.cutover.core.port.db.DatabaseLoginUnavailableException("secret lacks password"),
                        DatabaseLoginUnavailableException.class),
                cause(() -> new io.cutover.core.port.cloud.AwsResourceMissingException("RDS has no cluster orders",
                        service(404, "DBClusterNotFoundFault")), AwsResourceMissingException.class),
                cause(() -> new io.cutover.core.port.cloud.MigrationLockUnusableException("lock holds 42"),
                        LockUnusableException.class),
                cause(() -> new io.cutover.core.port.cloud.UnexpectedAwsAnswerException("alarm x: state PAUSED"),
                        UnexpectedAwsAnswerException.class),
                cause(() -> new io.cutover.core.port.cloud.DocumentTooLargeException("state is 8300 bytes"),
                        StoredDocumentTooLargeException.class),
                cause(() -> new InvalidDocumentException("state", List.of(new Problem("phase", "\"X\"", "a phase"))),
                        StoredDocumentInvalidException.class),
                cause(() -> new RuntimeException("wrapped", SdkClientException.create("connection reset")),
                        TransientTaskException.class),
                cause(() -> new IllegalStateException("read", new SQLTransientConnectionException("reset")),
                        TransientTaskException.class),
                cause(() -> new IllegalStateException("open", new ConnectException("refused")),
                        TransientTaskException.class),
                cause(() -> service(503, "ServiceUnavailable"), TransientTaskException.class),
                cause(() -> service(400, "ThrottlingException"), TransientTaskException.class),
                cause(() -> new IllegalStateException("retries exhausted", service(400, "PriorRequestNotComplete")),
                        AwsRequestRefusedException.class),
                cause(() -> service(400, "AccessDeniedException"), AwsRequestRefusedException.class));
    }

    private static Arguments cause(Supplier<RuntimeException> thrown, Class<? extends RuntimeException> errorType) {
        RuntimeException e = thrown.get();
        return Arguments.of(e.getClass().getSimpleName() + " (" + e.getMessage() + ")", e, errorType);
    }

    private static AwsServiceException service(int status, String code) {
        return AwsServiceException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("causes")
    void eachCause_leavesAsItsOwnTypedError_keepingMessageAndCause(String name, RuntimeException thrown,
                                                                   Class<? extends RuntimeException> errorType) {
        RuntimeException typed = TaskErrors.typed(thrown);

        assertThat(typed).isExactlyInstanceOf(errorType).hasCause(thrown);
        assertThat(typed.getMessage()).contains(thrown.getMessage());
    }

    @Test
    void aTypedError_leavesAsItIs() {
        RuntimeException alarm = new AlarmFiredException("orders-db-errors in ALARM");

        assertThat(TaskErrors.typed(alarm)).isSameAs(alarm);
    }

    @Test
    void theAwsErrorCode_isNamed_whenAServiceRefusesTheCall() {
        assertThat(TaskErrors.typed(service(400, "AccessDeniedException")).getMessage())
                .startsWith("AccessDeniedException: ");
    }
}
