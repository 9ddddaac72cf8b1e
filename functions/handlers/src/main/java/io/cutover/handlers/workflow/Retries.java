package io.cutover.handlers.workflow;

import io.cutover.handlers.errors.TransientTaskException;
import java.util.List;

/**
 * The workflow's retry policies, each written once (docs/contracts.md says which task gets which).
 *
 * <p>The Lambda errors a task state can meet, and which of them pass, are AWS's own lists (a Task whose Resource is a
 * function ARN reports an Invoke error as {@code Lambda.<ErrorName>}):
 * <ul>
 *   <li>Step Functions Developer Guide, "Handle transient Lambda service exceptions",
 *       https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html:
 *       ClientExecutionTimeoutException, ServiceException, AWSLambdaException, SdkClientException (retry them), and
 *       TooManyRequestsException when Lambda hits its maximum invocations;</li>
 *   <li>AWS Lambda API Reference, "Invoke", Errors, https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html:
 *       EC2ThrottledException, ENILimitReachedException, SubnetIPAddressLimitReachedException (502: a VPC function
 *       scaling up while EC2 throttles it or the VPC's interfaces or addresses run out), ENINotReadyException and
 *       ResourceNotReadyException (502: "wait ... and try again"), SnapStartNotReadyException (409),
 *       SnapStartTimeoutException (408);</li>
 *   <li>AWS Lambda Developer Guide, "Lambda function states",
 *       https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html: an idle VPC function is Inactive, its
 *       first invocation fails and it is Pending until its network interface is back;</li>
 *   <li>AWS Lambda Developer Guide, "Troubleshooting SnapStart errors for Lambda functions",
 *       https://docs.aws.amazon.com/lambda/latest/dg/snapstart-troubleshooting.html: a version not invoked for 14
 *       days is Inactive and answers SnapStartNotReadyException until it is Active again ("wait ..., and then invoke
 *       it again"); SnapStartTimeoutException comes from after-restore hooks over 10 s, which these functions do
 *       not have, or from network and credential trouble during the restore.</li>
 * </ul>
 * Not retried, because a retry repeats them: the Invoke errors that name a configuration or a code fault
 * (EC2AccessDenied, EC2Unexpected, InvalidSubnetID, InvalidSecurityGroupID, KMS*, InvalidZipFile, InvalidRuntime,
 * ResourceNotFound, RequestTooLarge, InvalidRequestContent, InvalidParameterValue, RecursiveInvocation,
 * SnapStartException: an after-restore hook failed, ...), and {@code Lambda.Unknown} (the function itself timed out
 * or ran out of memory).
 */
final class Retries {
    /**
     * Worth retrying soon: the handlers' own transient error (connection reset, throttling beyond the adapter's
     * retries), Lambda's service errors and throttling, and a VPC function scaling up. Anything else is a logic error
     * a retry would only repeat.
     */
    static final List<String> TRANSIENT_ERRORS = List.of(TransientTaskException.class.getName(),
            "Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException",
            "Lambda.EC2ThrottledException", "Lambda.ENILimitReachedException",
            "Lambda.SubnetIPAddressLimitReachedException", "Lambda.SnapStartTimeoutException");

    /**
     * The function is not ready yet (an idle VPC function reconnecting, a SnapStart version waking after 14 days):
     * it answers once it is Active, which takes minutes, not the seconds a throttle does. The first call of a
     * cutover (Preflight) is the one most likely to meet these.
     */
    static final List<String> NOT_READY_ERRORS = List.of("Lambda.ENINotReadyException",
            "Lambda.ResourceNotReadyException", "Lambda.SnapStartNotReadyException");

    /** Waits 5, 10, 20, 40 s, then 60 s: about nine minutes in all before the state's Catch decides. */
    private static final Retrier UNTIL_READY = Retrier.capped(NOT_READY_ERRORS, 5, 12, 2, 60);

    /** Forward steps: transient errors only; a logic error goes straight to the state's Catch. */
    static final List<Retrier> FORWARD = List.of(Retrier.jittered(TRANSIENT_ERRORS, 2, 6, 2, 60), UNTIL_READY);

    /**
     * rollback, recover, finishRollback and abandon: giving up leaves traffic or the lock half-way, so they retry
     * transient errors longer and even logic errors a few times, but a bounded number of times.
     */
    static final List<Retrier> UNWINDING = List.of(Retrier.jittered(TRANSIENT_ERRORS, 5, 12, 2, 120), UNTIL_READY,
            Retrier.plain(List.of(Catcher.ANY_ERROR), 30, 3, 2));

    /**
     * The steps of a point-in-time restore (checkRestore, createRestoredWriter), polled for hours: transient errors
     * as the unwinding tasks retry them, but no blanket retry of other errors, so that a typed answer (the cluster
     * not ready yet, a failed restore) reaches the state's Catch at once instead of after minutes of retries.
     */
    static final List<Retrier> RESTORE_STEPS = List.of(Retrier.jittered(TRANSIENT_ERRORS, 5, 12, 2, 120),
            UNTIL_READY);

    /** Notifications are best effort: a few quick tries, then the outcome stands without them. */
    static final List<Retrier> NOTIFICATION = List.of(Retrier.plain(List.of(Catcher.ANY_ERROR), 2, 3, 2));

    private Retries() {
    }
}
