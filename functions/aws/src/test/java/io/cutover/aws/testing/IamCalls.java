package io.cutover.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the requests the SDK sent to the HTTP stub into the calls IAM authorizes: the function that made it, the
 * service (from the SigV4 credential scope the SDK signed with, so no guess from the body), the operation, the
 * resource ARNs the request names and the condition-key values IAM derives from the request. The iam-simulation
 * module evaluates these lines against the synthesized roles.
 */
public final class IamCalls {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-west-1";
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern ZONE = Pattern.compile("^/2013-04-01/hostedzone/([^/]+)/rrset");
    private static final Pattern CHANGE = Pattern.compile("^/2013-04-01/change/([^/?]+)");
    private static final Pattern RECORD = Pattern.compile("<Action>([A-Z]+)</Action>\\s*<ResourceRecordSet>\\s*"
            + "<Name>([^<]+)</Name>\\s*<Type>([A-Z]+)</Type>");
    /** SigV4 signing names that differ from the IAM service prefix. */
    private static final Map<String, String> IAM_PREFIX = Map.of("monitoring", "cloudwatch");

    private IamCalls() {
    }

    /** One authorized call: what the simulation needs, nothing of the response. */
    public record Call(String function, String scenario, String service, String operation, List<String> resources,
                       Map<String, List<String>> context) {
    }

    public static Call of(String function, String scenario, LoggedRequest request) {
        String service = signedService(request.getHeader("Authorization"), request.getUrl());
        Parsed parsed = switch (service) {
            case "route53" -> route53(request.getMethod().getName(), request.getUrl(), request.getBodyAsString());
            case "cloudwatch", "rds" -> query(service, FormBody.parse(request.getBodyAsString()));
            default -> json(service, request);
        };
        return call(function, scenario, service, parsed);
    }

    /**
     * A Route 53 request another stub received (infra-cdk runs the stack's custom resource handler, AWS SDK for
     * JavaScript, against its own): the same rules as {@link #of}.
     */
    public static Call ofRoute53(String function, String scenario, String authorization, String method, String path,
                                 String body) {
        String service = signedService(authorization, path);
        if (!service.equals("route53")) {
            throw new IllegalArgumentException("signed for " + service + ", not Route 53: " + method + " " + path);
        }
        return call(function, scenario, service, route53(method, path, body));
    }

    private static String signedService(String authorization, String url) {
        Matcher scope = SCOPE.matcher(authorization == null ? "" : authorization);
        if (!scope.find()) {
            throw new IllegalArgumentException("unsigned request, no service to record: " + url);
        }
        return IAM_PREFIX.getOrDefault(scope.group(2), scope.group(2));
    }

    private static Call call(String function, String scenario, String service, Parsed parsed) {
        return new Call(function, scenario, service, parsed.operation, List.copyOf(new TreeSet<>(parsed.resources)),
                parsed.context);
    }

    /** Appends every request as one JSON line to {@code file}. */
    public static void append(Path file, String function, String scenario, List<LoggedRequest> requests) {
        appendCalls(file, requests.stream().map(request -> of(function, scenario, request)).toList());
    }

    /** Appends every call as one JSON line to {@code file}. */
    public static void appendCalls(Path file, List<Call> calls) {
        StringBuilder lines = new StringBuilder();
        for (Call call : calls) {
            lines.append(Json.write(call)).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Parsed(String operation, List<String> resources, Map<String, List<String>> context) {
        Parsed(String operation, List<String> resources) {
            this(operation, resources, Map.of());
        }
    }

    /**
     * Route 53's REST API: the zone and change ids are in the path. For ChangeResourceRecordSets IAM sees the
     * change batch's actions, types and normalized names (lower case, no trailing dot); see "Using IAM policy
     * conditions for fine-grained access control" in the Route 53 Developer Guide.
     */
    private static Parsed route53(String method, String path, String body) {
        Matcher zone = ZONE.matcher(path);
        if (zone.find()) {
            List<String> resources = List.of("arn:aws:route53:::hostedzone/" + zone.group(1));
            if (RequestMethod.GET.getName().equals(method)) {
                return new Parsed("ListResourceRecordSets", resources);
            }
            TreeSet<String> actions = new TreeSet<>();
            TreeSet<String> names = new TreeSet<>();
            TreeSet<String> types = new TreeSet<>();
            Matcher record = RECORD.matcher(body);
            while (record.find()) {
                actions.add(record.group(1));
                String name = record.group(2).toLowerCase(Locale.ROOT);
                names.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
                types.add(record.group(3));
            }
            if (actions.isEmpty()) {
                // A batch this reader cannot parse would record a change IAM sees no keys of, and so allow it.
                throw new IllegalArgumentException("no change read from the ChangeResourceRecordSets body: " + body);
            }
            return new Parsed("ChangeResourceRecordSets", resources, Map.of(
                    "route53:ChangeResourceRecordSetsActions", List.copyOf(actions),
                    "route53:ChangeResourceRecordSetsNormalizedRecordNames", List.copyOf(names),
                    "route53:ChangeResourceRecordSetsRecordTypes", List.copyOf(types)));
        }
        Matcher change = CHANGE.matcher(path);
        if (change.find()) {
            return new Parsed("GetChange", List.of("arn:aws:route53:::change/" + change.group(1)));
        }
        throw new IllegalArgumentException("unknown Route 53 request " + method + " " + path);
    }

    /** AWS Query protocol (CloudWatch, RDS): the identifiers are form fields. */
    private static Parsed query(String service, Map<String, String> form) {
        String operation = form.get("Action");
        List<String> resources = new ArrayList<>();
        Map<String, String> context = new java.util.TreeMap<>();
        form.forEach((key, value) -> {
            if (service.equals("cloudwatch") && key.startsWith("AlarmNames.member.")) {
                resources.add(arn("cloudwatch", "alarm:" + value));
            }
            if (service.equals("rds")) {
                String type = switch (key) {
                    case "DBClusterIdentifier", "SourceDBClusterIdentifier" -> "cluster";
                    case "DBInstanceIdentifier" -> "db";
                    case "DBSnapshotIdentifier" -> "snapshot";
                    case "DBSubnetGroupName" -> "subgrp";
                    case "DBClusterParameterGroupName" -> "cluster-pg";
                    case "DBParameterGroupName" -> "pg";
                    case "OptionGroupName" -> "og";
                    default -> null;
                };
                if (type != null) {
                    resources.add(arn("rds", type + ":" + value));
                }
                if (key.equals("KmsKeyId")) {
                    // RDS uses the key on the caller's behalf: kms:CreateGrant and kms:DescribeKey via rds.
                    context.put("kmsKeyId", value);
                }
            }
        });
        Map<String, List<String>> keys = context.isEmpty() ? Map.of()
                : Map.of("cutover:KmsKeyId", List.of(context.get("kmsKeyId")));
        return new Parsed(operation, resources, keys);
    }

    /** JSON protocols (SSM, DMS, Secrets Manager, Step Functions): X-Amz-Target names the operation. */
    private static Parsed json(String service, LoggedRequest request) {
        String target = request.getHeader("X-Amz-Target");
        String operation = target.substring(target.indexOf('.') + 1);
        JsonNode body = Json.parseTree(request.getBodyAsString(), operation);
        List<String> resources = new ArrayList<>();
        switch (service) {
            case "ssm" -> text(body, "Name").ifPresent(n -> resources.add(arn("ssm", "parameter" + n)));
            case "secretsmanager" -> text(body, "SecretId").ifPresent(resources::add);
            case "states" -> {
                text(body, "stateMachineArn").ifPresent(resources::add);
                text(body, "executionArn").ifPresent(resources::add);
            }
            case "dms" -> {
                text(body, "ReplicationTaskArn").ifPresent(resources::add);
                for (JsonNode filter : body.path("Filters")) {
                    if (filter.path("Values") instanceof ArrayNode values) {
                        values.forEach(v -> resources.add(v.asText()));
                    }
                }
            }
            default -> throw new IllegalArgumentException("no recording rule for service " + service);
        }
        return new Parsed(operation, resources);
    }

    private static java.util.Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? java.util.Optional.empty() : java.util.Optional.of(node.asText());
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

}
