package io.cutover.handlers.errors;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.phase.IllegalTransitionException;
import io.cutover.core.port.cloud.DocumentTooLargeException;
import io.cutover.core.port.cloud.MigrationLockUnusableException;
import io.cutover.core.port.cloud.WeightChangeNotConfirmedException;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.rollback.RollbackRefusedException;
import io.cutover.core.weights.ShiftRefusedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a failed task reports to the state machine. The Lambda {@code errorType} is the thrown exception's class
 * name, and the workflow's Retry and Catch match it, so every cause a task can meet leaves as a class of this
 * package: the core's and the adapters' exceptions are translated here, once, at the handler's boundary.
 */
public final class TaskErrors {
    private TaskErrors() {
    }

    public static RuntimeException typed(RuntimeException e) {
        if (isTransient(e)) {
            return new TransientTaskException(e.getMessage(), e);
        }
        if (e.getClass().getPackageName().equals(TaskErrors.class.getPackageName())) {
            return e;
        }
        String message = e.getMessage();
        return switch (e) {
            case io.cutover.core.port.db.FenceRefusedException refused ->
                    new FenceRefusedException(message, refused);
            case io.cutover.core.port.db.ReverseReplicationRefusedException refused ->
                    new ReverseReplicationRefusedException(message, refused);
            case DatabaseStepException step -> new DatabaseStepFailedException(message, step);
            case IllegalTransitionException refused -> new PhaseTransitionRefusedException(message, refused);
            case ShiftRefusedException refused -> new ReaderShiftRefusedException(message, refused);
            case WeightChangeNotConfirmedException unconfirmed ->
                    new RecordChangeNotConfirmedException(message, unconfirmed);
            case io.cutover.core.port.cloud.RecoveryRefusedException refused ->
                    new RecoveryRefusedException(message, refused);
            case RollbackRefusedException refused -> new RecoveryRefusedException(message, refused);
            case io.cutover.core.port.cloud.RestoreNotReadyException notReady ->
                    new RestoreNotReadyException(message, notReady);
            case io.cutover.core.rollback.RestoreFailedException failed -> new RestoreFailedException(message, failed);
            case io.cutover.core.port.db.DatabaseLoginUnavailableException login ->
                    new DatabaseLoginUnavailableException(message, login);
            case io.cutover.core.port.cloud.AwsResourceMissingException missing ->
                    new AwsResourceMissingException(message, missing);
            case MigrationLockUnusableException lock -> new LockUnusableException(message, lock);
            case io.cutover.core.port.cloud.UnexpectedAwsAnswerException answer ->
                    new UnexpectedAwsAnswerException(message, answer);
            case DocumentTooLargeException tooLarge -> new StoredDocumentTooLargeException(message, tooLarge);
            case InvalidDocumentException invalid -> new StoredDocumentInvalidException(message, invalid);
            default -> refusedByAws(e);
        };
    }

    /** Network-level failures, throttling and server errors that outlived the SDK's own retries: worth a retry. */
    private static boolean isTransient(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException || t instanceof SQLTransientException
                    || t instanceof SocketTimeoutException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof AwsServiceException aws && (aws.isThrottlingException() || aws.statusCode() >= 500)) {
                return true;
            }
        }
        return false;
    }

    /** A service error anywhere in the chain (e.g. wrapped by an adapter's retry loop); anything else as it is. */
    private static RuntimeException refusedByAws(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
                return new AwsRequestRefusedException((code == null ? "" : code + ": ") + e.getMessage(), e);
            }
        }
        return e;
    }
}
