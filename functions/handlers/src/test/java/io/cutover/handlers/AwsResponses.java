package io.cutover.handlers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.cutover.aws.testing.StubResponses.xml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.cutover.core.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * Bodies shaped like the real AWS answers, per protocol: Route 53 REST-XML, SSM and DMS JSON 1.1, Step
 * Functions JSON 1.0, CloudWatch and RDS Query (XML). The SDK's own unmarshallers read them.
 */
final class AwsResponses {
    static final String ROUTE53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    static final String CLOUDWATCH_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String CHANGE_ID = "C2682N5HXP0BZ4";

    private AwsResponses() {
    }

    // --- JSON protocols ---

    static ResponseDefinitionBuilder json10(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body);
    }

    /** GetParameter: the value travels as a JSON string, escaped by Jackson exactly as SSM escapes it. */
    static String parameter(String name, String value) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("Parameter").put("Name", name).put("Type", "String").put("Value", value).put("Version", 3)
                .put("LastModifiedDate", 1.7637e9).put("DataType", "text")
                .put("ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + name);
        return body.toString();
    }

    static String putParameterResult() {
        return "{\"Version\":4,\"Tier\":\"Standard\"}";
    }

    static ObjectNode dmsTask(String arn, String instanceArn, String status) {
        ObjectNode task = Json.MAPPER.createObjectNode()
                .put("ReplicationTaskIdentifier", "orders-" + arn.substring(arn.lastIndexOf(':') + 1).toLowerCase())
                .put("ReplicationTaskArn", arn)
                .put("ReplicationInstanceArn", instanceArn)
                .put("MigrationType", "full-load-and-cdc")
                .put("Status", status);
        task.putObject("ReplicationTaskStats").put("FullLoadProgressPercent", 100).put("TablesLoaded", 12)
                .put("TablesLoading", 0).put("TablesQueued", 0).put("TablesErrored", 0);
        return task;
    }

    static String dmsTasks(List<ObjectNode> tasks) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode list = page.putArray("ReplicationTasks");
        tasks.forEach(list::add);
        return page.toString();
    }

    static String dmsInstance(String arn, String name) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.putArray("ReplicationInstances").addObject().put("ReplicationInstanceIdentifier", name)
                .put("ReplicationInstanceArn", arn).put("ReplicationInstanceStatus", "available");
        return page.toString();
    }

    static String tableStatistics(String taskArn) {
        ObjectNode page = Json.MAPPER.createObjectNode().put("ReplicationTaskArn", taskArn);
        ArrayNode tables = page.putArray("TableStatistics");
        for (String table : List.of("customers", "orders")) {
            tables.addObject().put("SchemaName", "public").put("TableName", table).put("TableState", "Table completed")
                    .put("ValidationState", "Validated").put("ValidationFailedRecords", 0)
                    .put("ValidationSuspendedRecords", 0).put("ValidationPendingRecords", 0);
        }
        return page.toString();
    }

    // --- Route 53 REST-XML ---

    static ResponseDefinitionBuilder changeInfo(String root, String status) {
        return xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <%s xmlns="%s">
                  <ChangeInfo>
                    <Id>/change/%s</Id>
                    <Status>%s</Status>
                    <SubmittedAt>2026-11-21T09:59:58.123Z</SubmittedAt>
                  </ChangeInfo>
                </%s>""".formatted(root, ROUTE53_NS, CHANGE_ID, status, root));
    }

    static ResponseDefinitionBuilder route53Error(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ErrorResponse xmlns="%s">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>647cd254-e0d1-44a9-af61-1d6d86ea6b77</RequestId>
                </ErrorResponse>""".formatted(ROUTE53_NS, code, message));
    }

    /** The listing Route 53 returns when asked to start at a record's name and type. */
    static ResponseDefinitionBuilder weightedPair(String recordName, int sourceWeight, String sourceValue,
                                                  int targetWeight, String targetValue) {
        return weightedPair(recordName, sourceWeight, sourceValue, targetWeight, targetValue, 30);
    }

    /** As above, with both records at {@code ttl} (Route 53 keeps one TTL per weighted group). */
    static ResponseDefinitionBuilder weightedPair(String recordName, int sourceWeight, String sourceValue,
                                                  int targetWeight, String targetValue, long ttl) {
        return xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListResourceRecordSetsResponse xmlns="%s">
                  <ResourceRecordSets>%s%s</ResourceRecordSets>
                  <IsTruncated>false</IsTruncated>
                  <MaxItems>100</MaxItems>
                </ListResourceRecordSetsResponse>""".formatted(ROUTE53_NS,
                weighted(recordName, "aurora", targetWeight, targetValue, ttl),
                weighted(recordName, "source", sourceWeight, sourceValue, ttl)));
    }

    /** One plain (simple routing) CNAME at the name: what a deployment with createRecords: false may start from. */
    static ResponseDefinitionBuilder plainRecord(String recordName, int ttl, String value) {
        return xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListResourceRecordSetsResponse xmlns="%s">
                  <ResourceRecordSets><ResourceRecordSet>
                    <Name>%s.</Name><Type>CNAME</Type><TTL>%d</TTL>
                    <ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord></ResourceRecords>
                  </ResourceRecordSet></ResourceRecordSets>
                  <IsTruncated>false</IsTruncated>
                  <MaxItems>100</MaxItems>
                </ListResourceRecordSetsResponse>""".formatted(ROUTE53_NS, recordName, ttl, value));
    }

    private static String weighted(String name, String setIdentifier, int weight, String value, long ttl) {
        return """
                <ResourceRecordSet>
                  <Name>%s.</Name><Type>CNAME</Type><SetIdentifier>%s</SetIdentifier><Weight>%d</Weight><TTL>%d</TTL>
                  <ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord></ResourceRecords>
                </ResourceRecordSet>""".formatted(name, setIdentifier, weight, ttl, value);
    }

    // --- Query protocol (CloudWatch, RDS) ---

    static String metricData(List<String> results) {
        return """
                <GetMetricDataResponse xmlns="%s">
                  <GetMetricDataResult>
                    <MetricDataResults>%s</MetricDataResults>
                    <Messages/>
                  </GetMetricDataResult>
                  <ResponseMetadata><RequestId>4f6b2e2a-5c1d-4b4e-9d61-000000000000</RequestId></ResponseMetadata>
                </GetMetricDataResponse>""".formatted(CLOUDWATCH_NS, String.join("", results));
    }

    static String alarms(List<String> names, String state) {
        StringBuilder members = new StringBuilder();
        for (String name : names) {
            members.append("""
                    <member><AlarmName>%s</AlarmName><StateValue>%s</StateValue>
                      <MetricName>CPUUtilization</MetricName><Namespace>AWS/RDS</Namespace></member>""".formatted(name,
                    state));
        }
        return """
                <DescribeAlarmsResponse xmlns="%s">
                  <DescribeAlarmsResult><MetricAlarms>%s</MetricAlarms><CompositeAlarms/></DescribeAlarmsResult>
                  <ResponseMetadata><RequestId>0c1d2e3f-0000-4000-8000-000000000000</RequestId></ResponseMetadata>
                </DescribeAlarmsResponse>""".formatted(CLOUDWATCH_NS, members);
    }

    static String postgresClusters(String clusterId, Instant latestRestorable) {
        return """
                <DescribeDBClustersResponse xmlns="%s">
                  <DescribeDBClustersResult><DBClusters><DBCluster>
                    <DBClusterIdentifier>%s</DBClusterIdentifier>
                    <Engine>aurora-postgresql</Engine><EngineVersion>16.4</EngineVersion>
                    <Status>available</Status>
                    <LatestRestorableTime>%s</LatestRestorableTime>
                    <BacktrackWindow>0</BacktrackWindow>
                    <DBSubnetGroup>orders-subnets</DBSubnetGroup>
                    <DBClusterParameterGroup>orders-cluster-params</DBClusterParameterGroup>
                    <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0a1b2c3d</VpcSecurityGroupId>
                      <Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>
                    <DBClusterMembers>
                      <DBClusterMember><DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember>
                    </DBClusterMembers>
                    <CopyTagsToSnapshot>true</CopyTagsToSnapshot><DeletionProtection>true</DeletionProtection>
                  </DBCluster></DBClusters></DescribeDBClustersResult>
                  <ResponseMetadata><RequestId>d6c5a1b2-0000-4000-8000-000000000000</RequestId></ResponseMetadata>
                </DescribeDBClustersResponse>""".formatted(RDS_NS, clusterId, latestRestorable);
    }

    static String writerInstance() {
        return """
                <DescribeDBInstancesResponse xmlns="%s"><DescribeDBInstancesResult><DBInstances><DBInstance>
                  <DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><DBInstanceClass>db.r6g.xlarge</DBInstanceClass>
                  <Engine>aurora-postgresql</Engine><DBInstanceStatus>available</DBInstanceStatus>
                  <DBClusterIdentifier>orders-aurora</DBClusterIdentifier>
                </DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>""".formatted(RDS_NS);
    }

}
