package io.cutover.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * RDS as it behaves during an Aurora point-in-time restore, on the wire: the restored cluster does not exist until
 * RestoreDBClusterToPointInTime, then is {@code creating} for a number of DescribeDBClusters calls before it is
 * {@code available}; CreateDBInstance on a cluster that is not available fails with {@code InvalidDBClusterStateFault}
 * (HTTP 400), as RDS answers it ("You can create DB instances only after the RestoreDBClusterToPointInTime operation
 * has completed and the DB cluster is available", RDS API Reference); the writer is then {@code creating} for a
 * number of DescribeDBInstances calls. A second restore or a second instance of the same id is refused with RDS's
 * own codes ({@code DBClusterAlreadyExistsFault}, {@code DBInstanceAlreadyExists}). One WireMock scenario holds the
 * whole lifecycle; its stubs take priority over any other RDS stub naming the same identifiers.
 */
public final class RdsRestoreStub {
    public static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final String SCENARIO = "rds-point-in-time-restore";
    private static final String WRITER_CREATED = "writer-created-";

    private final WireMockServer server;
    private final String clusterId;
    private final String writerId;
    private final String engine;

    /**
     * @param clusterDescribes DescribeDBClusters calls that still see {@code creating} after the restore started
     * @param writerDescribes  DescribeDBInstances calls that still see the writer {@code creating}
     */
    public static RdsRestoreStub install(WireMockServer server, String clusterId, String writerId, String engine,
                                         int clusterDescribes, int writerDescribes) {
        RdsRestoreStub stub = new RdsRestoreStub(server, clusterId, writerId, engine);
        stub.stubs(clusterDescribes, writerDescribes);
        return stub;
    }

    private RdsRestoreStub(WireMockServer server, String clusterId, String writerId, String engine) {
        this.server = server;
        this.clusterId = clusterId;
        this.writerId = writerId;
        this.engine = engine;
    }

    /** The scenario's state: {@code Started} (no cluster), {@code creating-N}, {@code available}, ... */
    public String state() {
        return server.getAllScenarios().getScenarios().stream().filter(s -> s.getName().equals(SCENARIO))
                .findFirst().orElseThrow().getState();
    }

    private void stubs(int clusterDescribes, int writerDescribes) {
        // Before the restore: no such cluster, no such instance; the restore is accepted once.
        on("RestoreDBClusterToPointInTime", "DBClusterIdentifier", clusterId, Scenario.STARTED,
                clusterDescribes > 0 ? "creating-" + clusterDescribes : "available",
                ok("RestoreDBClusterToPointInTime", "<DBCluster>" + clusterBody("creating", false) + "</DBCluster>"));
        on("DescribeDBClusters", "DBClusterIdentifier", clusterId, Scenario.STARTED, null,
                error(404, "DBClusterNotFoundFault", "DBCluster " + clusterId + " not found."));
        on("CreateDBInstance", "DBClusterIdentifier", clusterId, Scenario.STARTED, null,
                error(404, "DBClusterNotFoundFault", "DBCluster " + clusterId + " not found."));
        for (int left = clusterDescribes; left >= 1; left--) {
            String state = "creating-" + left;
            refuseSecondRestore(state);
            on("DescribeDBClusters", "DBClusterIdentifier", clusterId, state,
                    left > 1 ? "creating-" + (left - 1) : "available", describeClusters("creating", false));
            on("CreateDBInstance", "DBClusterIdentifier", clusterId, state, null,
                    error(400, "InvalidDBClusterStateFault", "DB cluster " + clusterId + " is not currently in the"
                            + " available state."));
        }
        refuseSecondRestore("available");
        on("DescribeDBClusters", "DBClusterIdentifier", clusterId, "available", null,
                describeClusters("available", false));
        on("CreateDBInstance", "DBClusterIdentifier", clusterId, "available", WRITER_CREATED + writerDescribes,
                ok("CreateDBInstance", "<DBInstance>" + instanceBody("creating") + "</DBInstance>"));
        for (int left = writerDescribes; left >= 0; left--) {
            String state = WRITER_CREATED + left;
            refuseSecondRestore(state);
            on("DescribeDBClusters", "DBClusterIdentifier", clusterId, state, null,
                    describeClusters("available", true));
            on("CreateDBInstance", "DBClusterIdentifier", clusterId, state, null,
                    error(400, "DBInstanceAlreadyExists", "DB instance already exists"));
            on("DescribeDBInstances", "DBInstanceIdentifier", writerId, state,
                    left > 0 ? WRITER_CREATED + (left - 1) : null, ok("DescribeDBInstances",
                            "<DBInstances><DBInstance>" + instanceBody(left > 0 ? "creating" : "available")
                                    + "</DBInstance></DBInstances>"));
        }
        for (String state : new String[] {Scenario.STARTED, "available"}) {
            on("DescribeDBInstances", "DBInstanceIdentifier", writerId, state, null,
                    error(404, "DBInstanceNotFound", "DBInstance " + writerId + " not found."));
        }
        for (int left = clusterDescribes; left >= 1; left--) {
            on("DescribeDBInstances", "DBInstanceIdentifier", writerId, "creating-" + left, null,
                    error(404, "DBInstanceNotFound", "DBInstance " + writerId + " not found."));
        }
    }

    /** Once the cluster exists, a second restore of the same id is refused. */
    private void refuseSecondRestore(String state) {
        on("RestoreDBClusterToPointInTime", "DBClusterIdentifier", clusterId, state, null,
                error(400, "DBClusterAlreadyExistsFault", "DB Cluster already exists"));
    }

    private void on(String action, String field, String id, String state, String next,
                    ResponseDefinitionBuilder answer) {
        ScenarioMappingBuilder mapping = StubResponses.queryCall(action)
                .withRequestBody(matching("(?s)(.*&)?" + field + "=" + id + "(&.*)?"))
                .atPriority(1)
                .inScenario(SCENARIO).whenScenarioStateIs(state);
        server.stubFor((next == null ? mapping : mapping.willSetStateTo(next)).willReturn(answer));
    }

    private ResponseDefinitionBuilder describeClusters(String status, boolean withWriter) {
        return ok("DescribeDBClusters", "<DBClusters><DBCluster>" + clusterBody(status, withWriter)
                + "</DBCluster></DBClusters>");
    }

    private String clusterBody(String status, boolean withWriter) {
        return "<DBClusterIdentifier>" + clusterId + "</DBClusterIdentifier><Engine>" + engine + "</Engine><Status>"
                + status + "</Status>" + (withWriter ? "<DBClusterMembers><DBClusterMember><DBInstanceIdentifier>"
                + writerId + "</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember>"
                + "</DBClusterMembers>" : "<DBClusterMembers/>");
    }

    private String instanceBody(String status) {
        return "<DBInstanceIdentifier>" + writerId + "</DBInstanceIdentifier><DBClusterIdentifier>" + clusterId
                + "</DBClusterIdentifier><Engine>" + engine + "</Engine><DBInstanceStatus>" + status
                + "</DBInstanceStatus><PubliclyAccessible>false</PubliclyAccessible>";
    }

    private static ResponseDefinitionBuilder ok(String action, String result) {
        return StubResponses.xml("<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result
                + "</" + action + "Result><ResponseMetadata><RequestId>e1f2a3b4-0000-4000-8000-000000000000"
                + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    /** An RDS Query-protocol error, as RDS sends it: the code, the HTTP status AWS documents for it. */
    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("<ErrorResponse xmlns=\""
                + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>a1b2c3d4-0000-4000-8000-000000000000</RequestId></ErrorResponse>");
    }
}
