package io.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class Route53RetryableTest {

    @Test
    void anErrorWithoutACode_isNotRetryable_ratherThanAFailureOfItsOwn() {
        AwsServiceException noCode = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().build()).build();

        assertThat(Route53WeightedRecords.retryable(noCode)).isFalse();
    }

    @Test
    void priorRequestNotComplete_isRetryable() {
        AwsServiceException prior = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("PriorRequestNotComplete").build()).build();

        assertThat(Route53WeightedRecords.retryable(prior)).isTrue();
    }
}
