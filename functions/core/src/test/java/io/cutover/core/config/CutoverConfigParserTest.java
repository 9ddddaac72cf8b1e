package io.cutover.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CutoverConfigParserTest {

    private static Problem problemAt(List<Problem> problems, String field) {
        return problems.stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " among " + problems));
    }

    @Nested
    class ValidConfigs {
        @Test
        void parse_readsEveryFieldOfTheReferenceExample() {
            // GIVEN the reference config of the repository
            String json = ConfigFixture.exampleJson();

            // WHEN it is parsed
            CutoverConfig config = CutoverConfigParser.parse(json);

            // THEN every section is read as written
            assertThat(config.migrationId()).isEqualTo("orders-db");
            assertThat(config.mode()).isEqualTo(Mode.MANUAL);
            assertThat(config.target()).isEqualTo(new TargetCluster(Engine.AURORA_POSTGRESQL, "orders-aurora"));
            assertThat(config.recordGroups()).extracting(RecordGroup::name, RecordGroup::role, RecordGroup::ttl)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("orders-writer", RecordRole.WRITER, 30),
                            org.assertj.core.groups.Tuple.tuple("orders-reader", RecordRole.READER, 30));
            assertThat(config.writerGroups()).extracting(RecordGroup::name).containsExactly("orders-writer");
            assertThat(config.readerGroups()).extracting(RecordGroup::name).containsExactly("orders-reader");
            assertThat(config.group("orders-reader")).get().extracting(RecordGroup::source)
                    .isEqualTo(new RecordSide("source", "orders-pg-replica.abcdefghijkl.eu-west-1.rds.amazonaws.com"));
            assertThat(config.group("nope")).isEmpty();
            assertThat(config.readerSteps()).containsExactly(20, 50, 80, 100);
            assertThat(config.bakeSeconds()).isEqualTo(300);
            assertThat(config.readiness()).isEqualTo(
                    new ReadinessThresholds(60, 3600, 30, 5, 3, 180, 120, NativeLadder.defaults()));
            assertThat(config.replication().kind()).isEqualTo(ReplicationKind.DMS);
            assertThat(config.replication().sourceIds()).containsExactly(
                    "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE",
                    "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO");
            assertThat(config.databases().schemas()).containsExactly("public");
            assertThat(config.databases().source().secretArn()).endsWith("orders-source-admin-AbCdEf");
            assertThat(config.databases().target().sslMode()).isEqualTo("verify-full");
            assertThat(config.fence()).isEqualTo(
                    new FenceSettings(List.of("orders_app", "orders_batch"), FenceMode.READ_ONLY, List.of()));
            assertThat(config.sequenceBuffer()).isEqualTo(1000);
            assertThat(config.resetSessionReplicationRole()).isTrue();
            assertThat(config.rowCounts()).containsExactly(new RowCountSpec("public.customers", null, null),
                    new RowCountSpec("public.orders", "created_at", Bucket.MONTH));
            assertThat(config.drainTimeoutSeconds()).isEqualTo(300);
            assertThat(config.watchAfterSwitchSeconds()).isEqualTo(900);
            assertThat(config.stopDmsTaskAfterSwitch()).isTrue();
            assertThat(config.rollback()).isEqualTo(new RollbackSettings(RollbackStrategy.PITR, "orders-aurora-restored"));
            assertThat(config.alarms()).containsExactly("orders-aurora-cpu-high", "orders-dms-cdc-latency-high");
            assertThat(config.replicationAlarms()).containsExactly("orders-dms-cdc-latency-high");
            assertThat(config.snapshotSourceInstance()).isNull();
            assertThat(config.dns()).isEqualTo(new DnsSettings(5));
        }

        @Test
        void parse_appliesDefaults_whenOptionalFieldsAreAbsent() {
            // GIVEN a config with only the required fields
            ConfigFixture fixture = ConfigFixture.minimal();

            // WHEN it is parsed
            CutoverConfig config = fixture.parse();

            // THEN every optional field has its documented default
            assertThat(config.mode()).isEqualTo(Mode.MANUAL);
            assertThat(config.readerSteps()).containsExactly(20, 50, 80, 100);
            assertThat(config.bakeSeconds()).isEqualTo(300);
            assertThat(config.readiness()).isEqualTo(new ReadinessThresholds(60, 3600, 30, 5, 3, 180, 120,
                    new NativeLadder(1024, 1, 10L * 1024 * 1024, 30, 100L * 1024 * 1024, 60, 60)));
            RecordGroup writer = config.writerGroups().get(0);
            assertThat(writer.type()).isEqualTo("CNAME");
            assertThat(writer.ttl()).isEqualTo(60);
            assertThat(writer.allowWeightedWrites()).isFalse();
            assertThat(config.databases().schemas()).containsExactly("public");
            assertThat(config.databases().source().sslMode()).isEqualTo("verify-full");
            assertThat(config.fence().mode()).isEqualTo(FenceMode.READ_ONLY);
            assertThat(config.fence().replicationRoles()).isEmpty();
            assertThat(config.sequenceBuffer()).isEqualTo(1000);
            assertThat(config.resetSessionReplicationRole()).isTrue();
            assertThat(config.rowCounts()).isEmpty();
            assertThat(config.rowCountVerification()).isEqualTo(new RowCountVerification(3600, false));
            assertThat(config.drainTimeoutSeconds()).isEqualTo(300);
            assertThat(config.watchAfterSwitchSeconds()).isZero();
            assertThat(config.stopDmsTaskAfterSwitch()).isFalse();
            assertThat(config.rollback()).isEqualTo(new RollbackSettings(RollbackStrategy.DNS, "app-aurora-restored"));
            assertThat(config.alarms()).isEmpty();
            assertThat(config.replicationAlarms()).isEmpty();
            assertThat(config.snapshotSourceInstance()).isNull();
            assertThat(config.dns().lowersTtl()).as("the records keep their TTL unless asked").isFalse();
        }

        @Test
        void parse_fillsUnsetReadinessFields_withDefaults_whenReadinessIsPartlyGiven() {
            // GIVEN only the poll interval of the readiness section
            ConfigFixture fixture = ConfigFixture.minimal().set("readiness.pollSeconds", 15);

            // WHEN parsed
            ReadinessThresholds readiness = fixture.parse().readiness();

            // THEN the rest are defaults
            assertThat(readiness).isEqualTo(new ReadinessThresholds(15, 3600, 30, 5, 3, 180, 120, NativeLadder.defaults()));
        }

        @Test
        void parse_readsNativeReplication_andAnOverriddenLadder() {
            // GIVEN native replication with a tuned ladder
            ConfigFixture fixture = ConfigFixture.minimal().nativeReplication("slot_a", "slot_b")
                    .set("replication.subscriptions", List.of("sub_a"))
                    .set("replication.publication", "pub_all")
                    .setJson("readiness.native", """
                            {"healthyBytes": 10, "healthySeconds": 0.5, "warningBytes": 20, "warningSeconds": 2,
                             "criticalBytes": 30, "criticalSeconds": 3, "slotInactiveSeconds": 4}""");

            // WHEN parsed
            CutoverConfig config = fixture.parse();

            // THEN slots are the readiness sources and the ladder is the given one
            assertThat(config.replication()).isEqualTo(
                    new Replication(ReplicationKind.NATIVE, List.of(), List.of("slot_a", "slot_b"), List.of("sub_a"),
                            "pub_all"));
            assertThat(config.replication().sourceIds()).containsExactly("slot_a", "slot_b");
            assertThat(config.readiness().nativeLadder()).isEqualTo(new NativeLadder(10, 0.5, 20, 2, 30, 3, 4));
        }

        @Test
        void parse_acceptsLocalLogin_insteadOfSecret() {
            // GIVEN username/password (the local rehearsal) instead of a secret ARN
            ConfigFixture fixture = ConfigFixture.minimal().remove("databases.source.secretArn")
                    .set("databases.source.username", "postgres").set("databases.source.password", "s3cret");

            // WHEN parsed
            DatabaseEndpoint source = fixture.parse().databases().source();

            // THEN the login is kept and the password never shows in toString
            assertThat(source.username()).isEqualTo("postgres");
            assertThat(source.password()).isEqualTo("s3cret");
            assertThat(source.secretArn()).isNull();
            assertThat(source.toString()).doesNotContain("s3cret").contains("***");
        }

        @Test
        void parse_allowsBacktrack_onAuroraMysql() {
            // GIVEN an Aurora MySQL target with the backtrack strategy
            ConfigFixture fixture = ConfigFixture.minimal().auroraMysql().set("rollback.strategy", "backtrack");

            // WHEN parsed THEN it is accepted
            assertThat(fixture.parse().rollback().strategy()).isEqualTo(RollbackStrategy.BACKTRACK);
        }

        @Test
        void parse_allowsWeightedWrites_onAWriterGroup() {
            // GIVEN a writer group opting in to weighted writes
            ConfigFixture fixture = ConfigFixture.minimal().set("recordGroups[0].allowWeightedWrites", true);

            // WHEN parsed THEN the flag is kept
            assertThat(fixture.parse().writerGroups().get(0).allowWeightedWrites()).isTrue();
        }

        @Test
        void parse_acceptsSameRecordName_withADifferentType() {
            // GIVEN an A and an AAAA record of one name in two groups
            ConfigFixture fixture = ConfigFixture.minimal()
                    .set("recordGroups[0].type", "A")
                    .set("recordGroups[1].recordName", "db.app.example.com").set("recordGroups[1].type", "AAAA");

            // WHEN parsed THEN both groups are kept
            assertThat(fixture.parse().recordGroups()).hasSize(2);
        }

        @Test
        void parse_defaultsRowCountBucketToMonth_whenOnlyAColumnIsGiven() {
            // GIVEN a row count with a bucket column and no bucket
            ConfigFixture fixture = ConfigFixture.minimal()
                    .setJson("rowCounts", "[{\"table\": \"public.orders\", \"bucketColumn\": \"created_at\"}]");

            // WHEN parsed THEN it is counted per month
            assertThat(fixture.parse().rowCounts()).containsExactly(
                    new RowCountSpec("public.orders", "created_at", Bucket.MONTH));
        }

        @Test
        void parse_readsTheRowCountVerification_settleMarginAndChecksums() {
            // GIVEN a margin of a day and checksums on
            ConfigFixture fixture = ConfigFixture.minimal()
                    .set("rowCountVerification", Map.of("settleMarginSeconds", 86_400, "checksums", true));

            // WHEN parsed THEN both are kept
            assertThat(fixture.parse().rowCountVerification()).isEqualTo(new RowCountVerification(86_400, true));
        }

        @Test
        void parse_readsTheSourceInstanceToSnapshot() {
            // GIVEN a snapshot request
            ConfigFixture fixture = ConfigFixture.minimal()
                    .set("snapshotSourceBeforeSwitch", Map.of("dbInstanceIdentifier", "app-pg"));

            // WHEN parsed THEN the instance is known
            assertThat(fixture.parse().snapshotSourceInstance()).isEqualTo("app-pg");
        }

        @Test
        void bareHostedZoneId_dropsTheHostedZonePrefix() {
            // GIVEN a zone id in the /hostedzone/ form the console shows
            ConfigFixture fixture = ConfigFixture.minimal().set("recordGroups[0].hostedZoneId", "/hostedzone/Z0123456789ABC");

            // WHEN parsed
            RecordGroup writer = fixture.parse().writerGroups().get(0);

            // THEN the API form is bare
            assertThat(writer.hostedZoneId()).isEqualTo("/hostedzone/Z0123456789ABC");
            assertThat(writer.bareHostedZoneId()).isEqualTo("Z0123456789ABC");
        }

        @Test
        void problemsOf_isEmpty_forAValidConfig() {
            assertThat(CutoverConfigParser.problemsOf(ConfigFixture.exampleJson())).isEmpty();
        }
    }

    @Nested
    class ProblemReporting {
        @Test
        void parse_reportsEveryProblemAtOnce_eachNamingFieldValueAndAllowedValues() {
            // GIVEN a config with four independent mistakes
            ConfigFixture fixture = ConfigFixture.minimal()
                    .set("migrationId", "Orders DB")
                    .set("recordGroups[1].ttl", -5)
                    .set("readerSteps", List.of(20, 10, 100))
                    .set("bakeSeconds", "300");

            // WHEN parsed
            List<Problem> problems = fixture.problems();

            // THEN all four are reported, each with its path, the value found and what is allowed
            assertThat(problems).extracting(Problem::field)
                    .containsExactlyInAnyOrder("migrationId", "recordGroups[1].ttl", "readerSteps[1]", "bakeSeconds");
            assertThat(problemAt(problems, "recordGroups[1].ttl"))
                    .isEqualTo(new Problem("recordGroups[1].ttl", "-5", "an integer from 0 to 172800"));
            assertThat(problemAt(problems, "migrationId").value()).isEqualTo("\"Orders DB\"");
            assertThat(problemAt(problems, "bakeSeconds").value()).isEqualTo("\"300\"");
        }

        @Test
        void exceptionMessage_listsEveryProblem() {
            // GIVEN two mistakes
            String json = ConfigFixture.minimal().set("mode", "sometimes").set("fence.mode", "lock").json();

            // WHEN parsed THEN the message names both fields
            assertThatThrownBy(() -> CutoverConfigParser.parse(json))
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("cutover config is invalid")
                    .hasMessageContaining("mode: got \"sometimes\"; expected one of \"auto\", \"manual\"")
                    .hasMessageContaining("fence.mode: got \"lock\"; expected one of \"read_only\", \"nologin\"");
        }

        @Test
        void parse_reportsMissingRequiredSections_eachByName() {
            // GIVEN an object with none of the required fields
            List<Problem> problems = CutoverConfigParser.problemsOf("{}");

            // THEN each required field is named as missing
            assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                    "migrationId", "target", "recordGroups", "replication", "databases", "fence");
            assertThat(problems).allSatisfy(p -> assertThat(p.value()).isNull());
            assertThat(problemAt(problems, "migrationId").message()).startsWith("migrationId: missing; expected");
        }

        @ParameterizedTest(name = "[{index}] «{0}»")
        @ValueSource(strings = {"", "   ", "[]", "null", "\"config\"", "42", "{", "not json", "{\"migrationId\": \"a\"} {}"})
        void parse_rejectsDocumentsThatAreNotOneJsonObject_atTheRoot(String body) {
            // WHEN a body that is not a JSON object is parsed
            List<Problem> problems = CutoverConfigParser.problemsOf(body);

            // THEN one problem about the whole document
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("$");
                assertThat(p.expected()).isEqualTo("a JSON object");
            });
        }

        @Test
        void parse_rejectsNull_likeAnEmptyDocument() {
            assertThat(CutoverConfigParser.problemsOf(null)).extracting(Problem::field).containsExactly("$");
        }

        @Test
        void parse_namesTheDuplicatedField_whenAKeyRepeats() {
            // GIVEN a ttl written twice in the second record group
            String json = ConfigFixture.minimal().json().replace("\"role\":\"reader\",", "\"role\":\"reader\",\"ttl\":30,\"ttl\":60,");

            // WHEN parsed
            List<Problem> problems = CutoverConfigParser.problemsOf(json);

            // THEN the problem names the duplicated field by its path
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("recordGroups[1].ttl");
                assertThat(p.expected()).contains("once");
            });
        }
    }

    @Nested
    class UnknownFields {
        static Stream<String> unknownFieldPaths() {
            return Stream.of("colour", "target.region", "recordGroups[0].weight", "recordGroups[1].source.weight",
                    "readiness.maxLag", "readiness.native.maxBytes", "replication.taskArn", "databases.host",
                    "databases.target.host", "fence.users", "sequences.step", "sessionReplicationRole.value",
                    "rowCounts[1].where", "rollback.window", "snapshotSourceBeforeSwitch.region",
                    "rowCountVerification.recountAll");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("unknownFieldPaths")
        void parse_rejectsAnUnknownField_atEveryLevel_listingTheAllowedOnes(String path) {
            // GIVEN the reference config with one field nobody reads
            ConfigFixture fixture = ConfigFixture.example().set(path, 1);

            // WHEN parsed
            Problem problem = problemAt(fixture.problems(), path);

            // THEN that field is named with the allowed ones
            assertThat(problem.value()).isEqualTo("1");
            assertThat(problem.expected()).startsWith("no such field; allowed fields are ");
        }

        @Test
        void parse_listsAllowedFields_forAnUnknownRootField() {
            Problem problem = problemAt(ConfigFixture.minimal().set("readerstep", 1).problems(), "readerstep");
            assertThat(problem.expected()).contains("readerSteps", "recordGroups", "migrationId");
        }
    }

    @Nested
    class FieldValues {
        static Stream<Arguments> wrongValues() {
            return Stream.of(
                    Arguments.of("migrationId", "\"Orders_DB\"", "migrationId", "lower-case"),
                    Arguments.of("migrationId", "42", "migrationId", "lower-case"),
                    Arguments.of("migrationId", "\"a-very-long-migration-identifier-beyond-40\"", "migrationId", "1 to 40"),
                    Arguments.of("mode", "\"automatic\"", "mode", "one of \"auto\", \"manual\""),
                    Arguments.of("target.engine", "\"aurora\"", "target.engine",
                            "one of \"aurora-postgresql\", \"aurora-mysql\""),
                    Arguments.of("target.clusterIdentifier", "\"1cluster\"", "target.clusterIdentifier", "cluster identifier"),
                    Arguments.of("target.clusterIdentifier", "\"Orders-Aurora\"", "target.clusterIdentifier",
                            "lower-case"),
                    Arguments.of("target.clusterIdentifier", "\"orders--aurora\"", "target.clusterIdentifier",
                            "without '--'"),
                    Arguments.of("target.clusterIdentifier", "\"orders-aurora-\"", "target.clusterIdentifier",
                            "trailing hyphen"),
                    Arguments.of("recordGroups", "[]", "recordGroups", "an array of 1 to 20 elements"),
                    Arguments.of("recordGroups", "{}", "recordGroups", "an array of 1 to 20 elements"),
                    Arguments.of("recordGroups[1]", "\"reader\"", "recordGroups[1]", "a JSON object"),
                    Arguments.of("recordGroups[0].name", "\"has space\"", "recordGroups[0].name", "1 to 63"),
                    Arguments.of("recordGroups[0].role", "\"primary\"", "recordGroups[0].role",
                            "one of \"writer\", \"reader\""),
                    Arguments.of("recordGroups[0].hostedZoneId", "\"abc\"", "recordGroups[0].hostedZoneId", "hosted zone id"),
                    Arguments.of("recordGroups[0].recordName", "\"db app\"", "recordGroups[0].recordName", "a DNS name"),
                    Arguments.of("recordGroups[1].type", "\"MX\"", "recordGroups[1].type", "one of \"A\", \"AAAA\", \"CNAME\""),
                    Arguments.of("recordGroups[1].ttl", "-1", "recordGroups[1].ttl", "an integer from 0 to 172800"),
                    Arguments.of("recordGroups[1].ttl", "172801", "recordGroups[1].ttl", "an integer from 0 to 172800"),
                    Arguments.of("recordGroups[1].ttl", "\"30\"", "recordGroups[1].ttl", "an integer from 0 to 172800"),
                    Arguments.of("recordGroups[1].ttl", "30.5", "recordGroups[1].ttl", "an integer from 0 to 172800"),
                    Arguments.of("recordGroups[0].source", "\"src\"", "recordGroups[0].source", "a JSON object"),
                    Arguments.of("recordGroups[0].source.setIdentifier", "\"a b\"",
                            "recordGroups[0].source.setIdentifier", "without spaces"),
                    Arguments.of("recordGroups[0].target.value", "\"  \"", "recordGroups[0].target.value", "endpoint"),
                    Arguments.of("recordGroups[0].allowWeightedWrites", "\"yes\"",
                            "recordGroups[0].allowWeightedWrites", "true or false"),
                    Arguments.of("bakeSeconds", "-1", "bakeSeconds", "an integer from 0 to 86400"),
                    Arguments.of("bakeSeconds", "86401", "bakeSeconds", "an integer from 0 to 86400"),
                    Arguments.of("readiness", "[]", "readiness", "a JSON object"),
                    Arguments.of("readiness.pollSeconds", "0", "readiness.pollSeconds", "an integer from 1 to 3600"),
                    Arguments.of("readiness.deadlineSeconds", "604801", "readiness.deadlineSeconds", "from 1 to 604800"),
                    Arguments.of("readiness.maxReaderLatencySeconds", "0", "readiness.maxReaderLatencySeconds",
                            "a number greater than 0 and at most 3600"),
                    Arguments.of("readiness.maxWriterLatencySeconds", "\"5\"", "readiness.maxWriterLatencySeconds",
                            "a number greater than 0"),
                    Arguments.of("readiness.stabilitySamples", "0", "readiness.stabilitySamples", "from 1 to 100"),
                    Arguments.of("readiness.maxSampleAgeSeconds", "3601", "readiness.maxSampleAgeSeconds", "from 1 to 3600"),
                    Arguments.of("readiness.dmsIngestionAllowanceSeconds", "601",
                            "readiness.dmsIngestionAllowanceSeconds", "an integer from 0 to 600"),
                    Arguments.of("readiness.dmsIngestionAllowanceSeconds", "-1",
                            "readiness.dmsIngestionAllowanceSeconds", "an integer from 0 to 600"),
                    Arguments.of("readiness.native.healthyBytes", "-1", "readiness.native.healthyBytes", "from 0 to"),
                    Arguments.of("readiness.native.criticalSeconds", "0", "readiness.native.criticalSeconds", "greater than 0"),
                    Arguments.of("readiness.native.slotInactiveSeconds", "1.5", "readiness.native.slotInactiveSeconds",
                            "an integer"),
                    Arguments.of("replication.kind", "\"logical\"", "replication.kind", "one of \"dms\", \"native\""),
                    Arguments.of("replication.dmsTaskArns", "[]", "replication.dmsTaskArns", "an array of 1 to 100"),
                    Arguments.of("replication.dmsTaskArns", "[\"arn:aws:dms:eu-west-1:1:task:X\"]",
                            "replication.dmsTaskArns[0]", "a DMS replication task ARN"),
                    Arguments.of("replication.dmsTaskArns", "[\"" + ConfigFixture.TASK_ONE + "\", \""
                            + ConfigFixture.TASK_ONE + "\"]", "replication.dmsTaskArns[1]", "duplicate"),
                    Arguments.of("databases.schemas", "[\"bad-name\"]", "databases.schemas[0]", "a PostgreSQL identifier"),
                    Arguments.of("databases.source.jdbcUrl", "\"jdbc:mysql://h/db\"", "databases.source.jdbcUrl",
                            "a PostgreSQL JDBC URL"),
                    Arguments.of("databases.source.secretArn", "\"my-secret\"", "databases.source.secretArn",
                            "a Secrets Manager secret ARN"),
                    Arguments.of("databases.target.sslMode", "\"strict\"", "databases.target.sslMode",
                            "one of \"disable\", \"allow\", \"prefer\", \"require\", \"verify-ca\", \"verify-full\""),
                    Arguments.of("fence.roles", "[]", "fence.roles", "an array of 1 to 100"),
                    Arguments.of("fence.roles", "[\"app-rw\"]", "fence.roles[0]", "a PostgreSQL identifier"),
                    Arguments.of("fence.mode", "\"lock\"", "fence.mode", "one of \"read_only\", \"nologin\""),
                    Arguments.of("sequences.buffer", "-5", "sequences.buffer", "from 0 to 1000000000"),
                    Arguments.of("sessionReplicationRole.resetToOrigin", "\"yes\"",
                            "sessionReplicationRole.resetToOrigin", "true or false"),
                    Arguments.of("rowCounts", "[{\"table\": \"orders\"}]", "rowCounts[0].table", "schema-qualified"),
                    Arguments.of("rowCounts", "[{\"table\": \"public.o\", \"bucketColumn\": \"c\", \"bucket\": \"week\"}]",
                            "rowCounts[0].bucket", "one of \"hour\", \"day\", \"month\", \"year\""),
                    Arguments.of("rowCounts", "[{\"table\": \"public.o\", \"bucket\": \"day\"}]",
                            "rowCounts[0].bucketColumn", "when bucket is set"),
                    Arguments.of("rowCounts", "[{\"table\": \"public.o\", \"bucketColumn\": \"bad-col\", \"bucket\": \"day\"}]",
                            "rowCounts[0].bucketColumn", "a PostgreSQL identifier"),
                    Arguments.of("rowCountVerification", "{\"settleMarginSeconds\": 59}",
                            "rowCountVerification.settleMarginSeconds", "from 60 to 2678400"),
                    Arguments.of("rowCountVerification", "{\"settleMarginSeconds\": 2678401}",
                            "rowCountVerification.settleMarginSeconds", "from 60 to 2678400"),
                    Arguments.of("rowCountVerification", "{\"checksums\": \"on\"}",
                            "rowCountVerification.checksums", "true or false"),
                    Arguments.of("drainTimeoutSeconds", "0", "drainTimeoutSeconds", "from 1 to 3600"),
                    Arguments.of("watchAfterSwitchSeconds", "86401", "watchAfterSwitchSeconds", "from 0 to 86400"),
                    Arguments.of("fallbackWindowSeconds", "2592001", "fallbackWindowSeconds", "from 0 to 2592000"),
                    Arguments.of("fallbackWindowSeconds", "\"1h\"", "fallbackWindowSeconds", "from 0 to 2592000"),
                    Arguments.of("dns.cutoverTtlSeconds", "0", "dns.cutoverTtlSeconds", "from 1 to 3600"),
                    Arguments.of("dns.cutoverTtlSeconds", "3601", "dns.cutoverTtlSeconds", "from 1 to 3600"),
                    Arguments.of("dns.cutoverTtlSeconds", "\"5\"", "dns.cutoverTtlSeconds", "from 1 to 3600"),
                    Arguments.of("dns.cutoverTtlSeconds", "null", "dns.cutoverTtlSeconds", "from 1 to 3600"),
                    Arguments.of("dns", "5", "dns", "a JSON object"),
                    Arguments.of("stopDmsTaskAfterSwitch", "\"true\"", "stopDmsTaskAfterSwitch", "true or false"),
                    Arguments.of("rollback.strategy", "\"snapshot\"", "rollback.strategy",
                            "one of \"dns\", \"backtrack\", \"pitr\""),
                    Arguments.of("rollback.restoredClusterIdentifier", "\"-x\"", "rollback.restoredClusterIdentifier",
                            "cluster identifier"),
                    Arguments.of("alarms", "\"one-alarm\"", "alarms", "an array of 0 to 100"),
                    Arguments.of("alarms", "[\"a\", \"a\"]", "alarms[1]", "duplicate"),
                    Arguments.of("alarms", "[\"\"]", "alarms[0]", "a CloudWatch alarm name"),
                    Arguments.of("replicationAlarms", "[\"not-watched\"]", "replicationAlarms[0]",
                            "no value: alarms is empty"),
                    Arguments.of("replicationAlarms", "\"one-alarm\"", "replicationAlarms", "an array of 0 to 100"),
                    Arguments.of("snapshotSourceBeforeSwitch", "{}", "snapshotSourceBeforeSwitch.dbInstanceIdentifier",
                            "an RDS DB instance identifier"));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("wrongValues")
        void parse_rejectsAWrongValue_namingPathValueAndWhatIsAllowed(String path, String json, String field,
                                                                       String allowed) {
            // GIVEN a valid config with one wrong value
            ConfigFixture fixture = ConfigFixture.minimal().setJson(path, json);

            // WHEN parsed
            Problem problem = problemAt(fixture.problems(), field);

            // THEN the problem names where, what and what is allowed
            assertThat(problem.expected()).contains(allowed);
            if (field.equals(path)) {
                assertThat(problem.value()).isEqualTo(readTree(json).toString());
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"mode", "recordGroups[1].ttl", "recordGroups[0].type", "readerSteps", "readiness",
                "readiness.pollSeconds", "replication.slots", "databases.schemas", "fence.mode", "sequences",
                "sequences.buffer", "rollback", "rollback.strategy", "alarms", "stopDmsTaskAfterSwitch",
                "databases.source.sslMode"})
        void parse_rejectsAnExplicitNull_forAnOptionalField(String path) {
            // GIVEN an optional field written as null (a typo'd template, not "use the default")
            ConfigFixture fixture = ConfigFixture.minimal().set(path, null);

            // WHEN parsed
            Problem problem = problemAt(fixture.problems(), path);

            // THEN null is reported as the wrong value
            assertThat(problem.value()).isEqualTo("null");
        }

        @Test
        void parse_reportsAnExplicitNull_forARequiredField_asNull() {
            Problem problem = problemAt(ConfigFixture.minimal().set("migrationId", null).problems(), "migrationId");
            assertThat(problem.value()).isEqualTo("null");
        }

        @Test
        void parse_rejectsAReplicationAlarm_thatIsNotWatched_listingTheWatchedOnes() {
            Problem problem = problemAt(ConfigFixture.example().set("replicationAlarms", List.of("orders-dms-lag"))
                    .problems(), "replicationAlarms[0]");

            assertThat(problem.expected()).contains("a name in alarms, one of ", "\"orders-aurora-cpu-high\"",
                    "\"orders-dms-cdc-latency-high\"");
        }

        private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
            try {
                return Json.MAPPER.readTree(json);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    @Nested
    class ReaderSteps {
        @Test
        void parse_rejectsARepeatedStep_asNotStrictlyIncreasing() {
            List<Problem> problems = ConfigFixture.minimal().set("readerSteps", List.of(20, 50, 50, 100)).problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("readerSteps[2]");
                assertThat(p.value()).isEqualTo("50");
                assertThat(p.expected()).contains("strictly increasing").contains("(50)");
            });
        }

        @Test
        void parse_rejectsADecreasingStep() {
            List<Problem> problems = ConfigFixture.minimal().set("readerSteps", List.of(50, 20, 100)).problems();
            assertThat(problems).extracting(Problem::field).containsExactly("readerSteps[1]");
        }

        @Test
        void parse_rejectsSteps_thatDoNotEndAt100() {
            List<Problem> problems = ConfigFixture.minimal().set("readerSteps", List.of(20, 50, 80)).problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("readerSteps");
                assertThat(p.value()).isEqualTo("[20,50,80]");
                assertThat(p.expected()).isEqualTo("steps ending at 100");
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0", "101", "-20", "50.5", "\"50\"", "true", "null", "4294967346"})
        void parse_rejectsAStep_thatIsNotAnIntegerFrom1To100(String step) {
            List<Problem> problems = ConfigFixture.minimal().setJson("readerSteps", "[20, " + step + ", 100]").problems();
            assertThat(problemAt(problems, "readerSteps[1]").expected()).isEqualTo("an integer from 1 to 100");
        }

        @Test
        void parse_rejectsAnEmptyStepList() {
            assertThat(problemAt(ConfigFixture.minimal().set("readerSteps", List.of()).problems(), "readerSteps")
                    .expected()).isEqualTo("an array of 1 to 20 elements");
        }

        @Test
        void parse_acceptsASingleStepOf100() {
            assertThat(ConfigFixture.minimal().set("readerSteps", List.of(100)).parse().readerSteps()).containsExactly(100);
        }
    }

    @Nested
    class CrossFieldRules {
        @ParameterizedTest(name = "sslMode {0}")
        @ValueSource(strings = {"verify-full", "verify-ca"})
        void parse_requiresACaBundle_whenTheServerCertificateIsVerified(String sslMode) {
            List<Problem> problems = ConfigFixture.minimal().set("databases.source.sslMode", sslMode)
                    .remove("databases.source.sslRootCert").problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("databases.source.sslRootCert");
                assertThat(p.expected()).contains("CA bundle", sslMode, "/opt/cutover/ca-bundle.pem", "functions.caBundle");
            });
        }

        @Test
        void parse_requiresACaBundle_whenSslModeIsAbsent_becauseTheDefaultIsVerifyFull() {
            List<Problem> problems = ConfigFixture.minimal().remove("databases.target.sslRootCert").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("databases.target.sslRootCert");
            assertThat(ConfigFixture.minimal().parse().databases().target().sslMode()).isEqualTo("verify-full");
        }

        @ParameterizedTest(name = "sslMode {0}")
        @ValueSource(strings = {"disable", "allow", "prefer", "require"})
        void parse_needsNoCaBundle_whenTheServerCertificateIsNotVerified(String sslMode) {
            CutoverConfig config = ConfigFixture.minimal().set("databases.source.sslMode", sslMode)
                    .remove("databases.source.sslRootCert").parse();
            assertThat(config.databases().source().sslMode()).isEqualTo(sslMode);
            assertThat(config.databases().source().sslRootCert()).isNull();
        }

        @Test
        void parse_rejectsEqualSetIdentifiers_withinAGroup() {
            List<Problem> problems = ConfigFixture.minimal().set("recordGroups[1].target.setIdentifier", "source").problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("recordGroups[1].target.setIdentifier");
                assertThat(p.value()).isEqualTo("\"source\"");
                assertThat(p.expected()).contains("different from source.setIdentifier");
            });
        }

        @Test
        void parse_rejectsTwoGroupsWithOneName() {
            List<Problem> problems = ConfigFixture.minimal().set("recordGroups[1].name", "app-writer").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("recordGroups[1].name");
        }

        @Test
        void parse_rejectsTwoGroupsForOneRecord_ignoringCase() {
            List<Problem> problems = ConfigFixture.minimal().set("recordGroups[1].recordName", "DB.app.example.com")
                    .problems();
            assertThat(problems).extracting(Problem::field).containsExactly("recordGroups[1].recordName");
        }

        @Test
        void parse_rejectsAWriterGroupWhoseTwoRecordsPointAtOneEndpoint() {
            List<Problem> problems = ConfigFixture.minimal()
                    .set("recordGroups[0].target.value", "APP-PG.example.com").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("recordGroups[0].target.value");
        }

        @Test
        void parse_rejectsWeightedWrites_onAReaderGroup() {
            List<Problem> problems = ConfigFixture.minimal().set("recordGroups[1].allowWeightedWrites", true).problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("recordGroups[1].allowWeightedWrites");
                assertThat(p.expected()).contains("writer groups only");
            });
        }

        @Test
        void parse_refusesBacktrack_onAuroraPostgresql_namingPitr() {
            // GIVEN backtrack configured for an Aurora PostgreSQL target
            ConfigFixture fixture = ConfigFixture.minimal().set("rollback.strategy", "backtrack");

            // WHEN parsed
            List<Problem> problems = fixture.problems();

            // THEN the strategy is refused and the message says what to use instead
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("rollback.strategy");
                assertThat(p.value()).isEqualTo("\"backtrack\"");
                assertThat(p.expected()).contains("\"pitr\"").contains("Aurora MySQL");
            });
        }

        @Test
        void parse_refusesAFencedRole_thatIsAlsoAReplicationRole() {
            // GIVEN the DMS user listed among the roles to fence
            ConfigFixture fixture = ConfigFixture.minimal().set("fence.roles", List.of("app_rw", "dms_user"))
                    .set("fence.replicationRoles", List.of("dms_user"));

            // WHEN parsed
            List<Problem> problems = fixture.problems();

            // THEN fencing it (which would stop replication) is refused
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("fence.roles");
                assertThat(p.value()).isEqualTo("\"dms_user\"");
                assertThat(p.expected()).contains("dms_user is a replication role");
            });
        }

        @Test
        void parse_acceptsReplicationRoles_thatAreNotFenced() {
            CutoverConfig config = ConfigFixture.minimal().set("fence.replicationRoles", List.of("dms_user")).parse();
            assertThat(config.fence().replicationRoles()).containsExactly("dms_user");
        }

        @Test
        void parse_refusesBothSecretAndLogin() {
            List<Problem> problems = ConfigFixture.minimal().set("databases.target.username", "u")
                    .set("databases.target.password", "p").problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("databases.target.secretArn");
                assertThat(p.expected()).contains("either secretArn").contains("not both");
            });
        }

        @Test
        void parse_refusesAnEndpointWithNeitherSecretNorLogin() {
            List<Problem> problems = ConfigFixture.minimal().remove("databases.source.secretArn").problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("databases.source.secretArn");
                assertThat(p.value()).isNull();
            });
        }

        @Test
        void parse_refusesAUsernameWithoutPassword() {
            List<Problem> problems = ConfigFixture.minimal().remove("databases.source.secretArn")
                    .set("databases.source.username", "postgres").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("databases.source.password");
        }

        @Test
        void parse_refusesAPasswordWithoutUsername() {
            List<Problem> problems = ConfigFixture.minimal().remove("databases.source.secretArn")
                    .set("databases.source.password", "pw").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("databases.source.username");
        }

        @Test
        void parse_refusesDmsKind_withNativeFields() {
            List<Problem> problems = ConfigFixture.minimal().set("replication.slots", List.of("s")).problems();
            assertThat(problemAt(problems, "replication.kind").expected()).contains("\"native\" when slots");
        }

        @Test
        void parse_refusesNativeKind_withDmsTasks() {
            List<Problem> problems = ConfigFixture.minimal().nativeReplication("s")
                    .set("replication.dmsTaskArns", List.of(ConfigFixture.TASK_ONE)).problems();
            assertThat(problemAt(problems, "replication.kind").expected()).contains("\"dms\" when dmsTaskArns");
        }

        @Test
        void parse_requiresSlots_forNativeReplication() {
            List<Problem> problems = ConfigFixture.minimal().nativeReplication("s").remove("replication.slots").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("replication.slots");
        }

        @Test
        void parse_requiresTaskArns_forDmsReplication() {
            List<Problem> problems = ConfigFixture.minimal().remove("replication.dmsTaskArns").problems();
            assertThat(problems).extracting(Problem::field).containsExactly("replication.dmsTaskArns");
        }

        @Test
        void parse_refusesStoppingADmsTask_withNativeReplication() {
            List<Problem> problems = ConfigFixture.minimal().nativeReplication("s").set("stopDmsTaskAfterSwitch", true)
                    .problems();
            assertThat(problems).extracting(Problem::field).containsExactly("stopDmsTaskAfterSwitch");
        }

        @Test
        void parse_refusesAWriterGate_looserThanTheReaderGate() {
            List<Problem> problems = ConfigFixture.minimal().set("readiness.maxReaderLatencySeconds", 10)
                    .set("readiness.maxWriterLatencySeconds", 20).problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("readiness.maxWriterLatencySeconds");
                assertThat(p.value()).isEqualTo("20");
                assertThat(p.expected()).contains("at most maxReaderLatencySeconds").contains("stricter");
            });
        }

        @Test
        void parse_reportsTheDefaultWriterLatency_whenOnlyTheReaderLimitIsLoweredBelowIt() {
            // GIVEN a reader limit below the default writer limit (5 s)
            List<Problem> problems = ConfigFixture.minimal().set("readiness.maxReaderLatencySeconds", 2).problems();

            // THEN the problem shows the defaulted value instead of claiming it is missing
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("readiness.maxWriterLatencySeconds");
                assertThat(p.value()).contains("5");
            });
        }

        @Test
        void parse_refusesADeadlineShorterThanThePollInterval() {
            List<Problem> problems = ConfigFixture.minimal().set("readiness.pollSeconds", 120)
                    .set("readiness.deadlineSeconds", 60).problems();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("readiness.deadlineSeconds");
                assertThat(p.expected()).isEqualTo("at least pollSeconds (120)");
            });
        }

        @Test
        void parse_refusesALadderWhoseByteThresholdsAreOutOfOrder() {
            List<Problem> problems = ConfigFixture.minimal().set("readiness.native.warningBytes", 200L * 1024 * 1024)
                    .problems();
            assertThat(problems).extracting(Problem::field).containsExactly("readiness.native.warningBytes");
        }

        @Test
        void parse_refusesALadderWhoseSecondThresholdsAreOutOfOrder() {
            List<Problem> problems = ConfigFixture.minimal().set("readiness.native.healthySeconds", 45).problems();
            assertThat(problems).extracting(Problem::field).containsExactly("readiness.native.warningSeconds");
        }
    }
}
