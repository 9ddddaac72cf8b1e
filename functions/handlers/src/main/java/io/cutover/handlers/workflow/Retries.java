package io.cutover.handlers.workflow;

import io.cutover.handlers.errors.TransientTaskException;
import java.util.List;

/** The workflow's retry policies, each written once (docs/contracts.md says which task gets which). */
final class Retries {
    /**
     * What is worth retrying: the handlers' own transient error (connection reset, throttling beyond the adapter's
     * retries) and the Lambda service's errors. Anything else is a logic error a retry would only repeat.
     */
    static final List<String> TRANSIENT_ERRORS = List.of(TransientTaskException.class.getName(),
            "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException");

    /** Forward steps: transient errors only; a logic error goes straight to the state's Catch. */
    static final List<Retrier> FORWARD = List.of(Retrier.jittered(TRANSIENT_ERRORS, 2, 6, 2, 60));

    /**
     * rollback, recover, finishRollback and abandon: giving up leaves traffic or the lock half-way, so they retry
     * transient errors longer and even logic errors a few times, but a bounded number of times.
     */
    static final List<Retrier> UNWINDING = List.of(Retrier.jittered(TRANSIENT_ERRORS, 5, 12, 2, 120),
            Retrier.plain(List.of(Catcher.ANY_ERROR), 30, 3, 2));

    /** Notifications are best effort: a few quick tries, then the outcome stands without them. */
    static final List<Retrier> NOTIFICATION = List.of(Retrier.plain(List.of(Catcher.ANY_ERROR), 2, 3, 2));

    private Retries() {
    }
}
