package io.cutover.core.port.cloud;

/** A resource the config names does not exist in this account and region (a DMS task, an RDS cluster or instance). */
public class AwsResourceMissingException extends RuntimeException {
    public AwsResourceMissingException(String message) {
        super(message);
    }

    public AwsResourceMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
