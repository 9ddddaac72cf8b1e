package io.cutover.cdk.config;

import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import io.cutover.core.json.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What several sections of the deployment config share: the value patterns more than one section checks, the
 * log retention check, the files a section names (which CDK context may override) and the unboxing of values
 * {@link io.cutover.core.json.JsonFields} returns as null once it has reported them.
 */
final class CommonFields {
    static final Pattern NON_BLANK = Pattern.compile(".*\\S.*");
    static final Pattern DB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}");
    private static final Pattern JDBC_DATABASE = Pattern.compile("jdbc:[a-z]+://[^/]+/([^?;]+).*");

    private CommonFields() {
    }

    /** The suffix of a field in the cutover config, whose problems are reported with the deployment's. */
    static String inCutover(Path cutoverFile) {
        return " (in " + cutoverFile.getFileName() + ")";
    }

    static String jdbcDatabase(String jdbcUrl) {
        Matcher m = JDBC_DATABASE.matcher(jdbcUrl);
        return m.matches() && DB_NAME.matcher(m.group(1)).matches() ? m.group(1) : "postgres";
    }

    /** A file the deployment names: the CDK context's override if given, else the config's path, relative to it. */
    static Path configuredPath(Path override, String configText, Path base) {
        if (override != null) {
            return override.toAbsolutePath().normalize();
        }
        return configText == null ? null : base.resolve(configText).normalize();
    }

    /** The field a problem with that file names: the CDK context key when it came from there. */
    static String fieldName(Path override, String contextKey, String configField) {
        return override != null ? contextKey + " (CDK context)" : configField;
    }

    static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new DeploymentConfigException(what, List.of(new Problem("$", "\"" + file + "\"",
                    "a readable file (" + e.getClass().getSimpleName() + ")")));
        }
    }

    static Long retention(JsonFields f, Obj o, int defaultDays) {
        Long days = o.optionalInteger("logRetentionDays", 1, 3653, defaultDays);
        if (days != null && !LogRetention.DAYS.contains(days.intValue())) {
            f.report(o.path("logRetentionDays"), o.raw("logRetentionDays"),
                    "a retention CloudWatch Logs accepts: one of " + LogRetention.DAYS);
            return null;
        }
        return days;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static int intValue(Long value) {
        return value == null ? 0 : value.intValue();
    }

    static long longValue(Long value) {
        return value == null ? 0 : value;
    }

    static boolean bool(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
