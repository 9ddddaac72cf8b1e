package io.cutover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmsTaskArnTest {

    @Test
    void of_buildsAnArnThePatternAccepts_withItsParts() {
        // GIVEN a task's partition, region, account and resource id
        // WHEN its ARN is built
        String arn = DmsTaskArn.of("aws-us-gov", "us-gov-west-1", "123456789012", "ORDERSTASKONE");

        // THEN the task pattern accepts it and gives the parts back
        Matcher m = DmsTaskArn.PATTERN.matcher(arn);
        assertThat(m.matches()).isTrue();
        assertThat(m.group("partition")).isEqualTo("aws-us-gov");
        assertThat(m.group("region")).isEqualTo("us-gov-west-1");
        assertThat(m.group("account")).isEqualTo("123456789012");
        assertThat(m.group("id")).isEqualTo("ORDERSTASKONE").isEqualTo(DmsTaskArn.resourceId(arn));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:dms:eu-west-1:12345678901:task:ORDERS",
            "arn:aws:dms:eu-west-1:123456789012:cert:ORDERS",
            "arn:aws:rds:eu-west-1:123456789012:task:ORDERS",
            "arn:aws:dms:eu-west-1:123456789012:task:",
            "arn:aws:dms:eu-west-1:123456789012:task:ORDERS_ONE",
            "ORDERS"})
    void pattern_refusesWhatIsNotATaskArn(String text) {
        assertThat(DmsTaskArn.PATTERN.matcher(text).matches()).isFalse();
    }

    @Test
    void dmsArnPattern_isPerResourceType() {
        // GIVEN the certificate pattern built from the same shape
        // WHEN a certificate ARN and a task ARN are checked against it
        // THEN only the certificate matches
        assertThat(DmsArn.pattern("cert").matcher("arn:aws-cn:dms:cn-north-1:123456789012:cert:ROOTCA").matches())
                .isTrue();
        assertThat(DmsArn.pattern("cert").matcher("arn:aws:dms:eu-west-1:123456789012:task:ORDERS").matches())
                .isFalse();
    }
}
