package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.bool;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.orEmpty;

import io.cutover.cdk.config.DeploymentConfig.Backup;
import io.cutover.cdk.config.DeploymentConfig.Environment;
import io.cutover.cdk.config.DeploymentConfig.Route53;
import io.cutover.cdk.config.DeploymentConfig.Schedule;
import io.cutover.core.json.JsonFields.Obj;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sections that are only their own fields, each a pattern or a range with a default and no rule across
 * fields: {@code environment}, {@code schedule}, {@code route53}, {@code backup} and {@code notifications}.
 * A null section was reported already (or, for environment, is missing); its part stays null.
 */
final class SimpleSections {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private SimpleSections() {
    }

    static Environment environment(Obj e) {
        if (e == null) {
            return null;
        }
        return new Environment(e.text("account", ACCOUNT, "a 12-digit AWS account id"),
                e.text("region", REGION, "an AWS region such as eu-west-1"));
    }

    static Schedule schedule(Obj s) {
        if (s == null) {
            return null;
        }
        return new Schedule(bool(s.optionalBoolean("enabled", true)),
                intValue(s.optionalInteger("readinessPollMinutes", 1, 60, 1)));
    }

    static Route53 route53(Obj r) {
        return r == null ? null : new Route53(bool(r.optionalBoolean("createRecords", false)));
    }

    static Backup backup(Obj b) {
        if (b == null) {
            return null;
        }
        return new Backup(bool(b.optionalBoolean("enabled", true)), intValue(b.optionalInteger("retentionDays", 1, 35, 7)),
                intValue(b.optionalInteger("hourUtc", 0, 23, 3)), intValue(b.optionalInteger("minuteUtc", 0, 59, 0)));
    }

    /** No notifications section means no subscriptions, not a problem. */
    static List<String> notificationEmails(Obj notifications) {
        return notifications == null ? List.of()
                : orEmpty(notifications.textList("emails", false, 0, 20, EMAIL, "an e-mail address"));
    }
}
