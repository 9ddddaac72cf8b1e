package io.cutover.core.config;

import java.util.regex.Pattern;

/** CloudWatch alarm names, as a cutover config watches them and the CDK app names the alarms it creates. */
public final class AlarmName {
    /** CloudWatch's rule: 1 to 255 characters, none of them a control character. */
    public static final Pattern PATTERN = Pattern.compile("[^\\p{Cntrl}]{1,255}");

    /** What {@link #PATTERN} accepts, for problem reports. */
    public static final String TEXT = "a CloudWatch alarm name";

    private AlarmName() {
    }
}
