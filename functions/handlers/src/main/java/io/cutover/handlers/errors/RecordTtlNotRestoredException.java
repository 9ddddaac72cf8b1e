package io.cutover.handlers.errors;

/**
 * RestoreRecordTtl could not put a lowered TTL back on every record group (issue 20): the records keep the cutover's
 * short TTL, which costs DNS queries, not correctness. The workflow reports it and goes on (a rollback never fails
 * over it); the message names each group left lowered and why.
 */
public class RecordTtlNotRestoredException extends RuntimeException {
    public RecordTtlNotRestoredException(String message) {
        super(message);
    }
}
