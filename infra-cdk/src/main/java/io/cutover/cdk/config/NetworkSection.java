package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.orEmpty;

import io.cutover.cdk.config.DeploymentConfig.Network;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Item;
import io.cutover.core.json.JsonFields.Obj;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code network}: an existing VPC or a new one, exactly one. Zones, subnets and route tables are all given, so
 * synthesis never looks anything up in the account.
 */
public final class NetworkSection {
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern EGRESS = Pattern.compile("nat|endpoints");
    private static final Pattern ENDPOINT_SERVICE = Pattern.compile("[a-z0-9-]+");
    /**
     * The endpoint services of the AWS APIs the functions in the VPC call (functions/aws AwsClients: Route 53, SSM,
     * DMS, CloudWatch, RDS, Step Functions, Secrets Manager; KMS only through Secrets Manager and RDS), named as in
     * {@code com.amazonaws.[region.]<name>}. Route 53's is {@code com.amazonaws.route53}, without a Region: a
     * cross-Region interface endpoint to the global API ("Cross-region enabled AWS services", AWS PrivateLink Guide).
     */
    public static final List<String> CALLED_ENDPOINT_SERVICES = List.of("route53", "ssm", "dms", "monitoring", "rds",
            "states", "secretsmanager");
    private static final Pattern ROUTE_TABLE_ID = Pattern.compile("rtb-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern AZ = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d[a-z]");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/(1[6-9]|2[0-4])");

    private NetworkSection() {
    }

    static Network parse(JsonFields f, Obj n) {
        if (n == null) {
            return null;
        }
        Obj existing = n.optionalObject("existingVpc", "vpcId", "availabilityZones", "privateSubnetIds",
                "privateSubnetRouteTableIds", "egress", "interfaceEndpoints");
        Obj created = n.optionalObject("newVpc", "cidr", "availabilityZones", "natGateways");
        if ((existing == null) == (created == null)) {
            f.report(n.path("existingVpc"), (String) null, "exactly one of existingVpc or newVpc");
            return null;
        }
        if (existing != null) {
            String vpcId = existing.text("vpcId", VPC_ID, "a VPC id such as vpc-0a1b2c3d4e5f67890");
            // The functions in the VPC call the AWS APIs of CALLED_ENDPOINT_SERVICES. Of an existing VPC the stack
            // cannot see routes or endpoints at synth time, so the owner states how the private subnets reach them:
            // through a NAT gateway to the public endpoints, or through interface endpoints with private DNS in the
            // VPC, one per API ("Access AWS services through AWS PrivateLink", AWS PrivateLink Guide).
            String egress = existing.text("egress", EGRESS, "\"nat\" (the private subnets route 0.0.0.0/0 through a NAT"
                    + " gateway) or \"endpoints\" (the VPC has an interface endpoint with private DNS for each API the"
                    + " functions call, listed in interfaceEndpoints: " + String.join(", ", CALLED_ENDPOINT_SERVICES)
                    + "; Route 53's is com.amazonaws.route53)");
            if ("endpoints".equals(egress)) {
                requireCalledEndpoints(f, existing);
            } else if (existing.has("interfaceEndpoints")) {
                f.report(existing.path("interfaceEndpoints"), existing.raw("interfaceEndpoints"),
                        "nothing unless egress is \"endpoints\"");
            }
            List<String> azs = existing.textList("availabilityZones", true, 2, 6, AZ, "an availability zone name");
            List<String> subnets = existing.textList("privateSubnetIds", true, 2, 18, SUBNET_ID,
                    "a subnet id such as subnet-0a1b2c3d4e5f67890");
            if (azs != null && subnets != null && subnets.size() % azs.size() != 0) {
                f.report(existing.path("privateSubnetIds"), existing.raw("privateSubnetIds"),
                        "the same number of private subnets in each of the " + azs.size() + " availability zones");
            }
            // Not textList: subnets often share a route table, so ids may repeat.
            List<String> routeTables = new ArrayList<>();
            List<Item> tables = existing.array("privateSubnetRouteTableIds", false, 0, 18);
            for (Item table : tables == null ? List.<Item>of() : tables) {
                if (table.node().isTextual() && ROUTE_TABLE_ID.matcher(table.node().asText()).matches()) {
                    routeTables.add(table.node().asText());
                } else {
                    f.report(table.path(), table.node(), "a route table id such as rtb-0a1b2c3d4e5f67890");
                }
            }
            if (!routeTables.isEmpty() && subnets != null && routeTables.size() != subnets.size()) {
                f.report(existing.path("privateSubnetRouteTableIds"), existing.raw("privateSubnetRouteTableIds"),
                        "one route table id per private subnet (" + subnets.size() + "), in the same order");
            }
            return new Network(vpcId, orEmpty(azs), orEmpty(subnets), List.copyOf(routeTables), null, 0);
        }
        String cidr = created.text("cidr", CIDR, "an IPv4 CIDR block from /16 to /24");
        // A new VPC has NAT gateways (natGateways >= 1) and the Route 53 interface endpoint (CutoverNetwork).
        List<String> azs = created.textList("availabilityZones", true, 2, 3, AZ, "an availability zone name");
        Long nat = created.optionalInteger("natGateways", 1, 3, 1);
        return new Network(null, orEmpty(azs), List.of(), List.of(), cidr, intValue(nat));
    }

    /** Without NAT, every API the functions call needs its interface endpoint; the missing ones are named. */
    private static void requireCalledEndpoints(JsonFields f, Obj existing) {
        List<String> endpoints = existing.textList("interfaceEndpoints", true, 1, 50, ENDPOINT_SERVICE,
                "an endpoint service name without com.amazonaws.[region.], such as route53 or ssm");
        if (endpoints == null) {
            return;
        }
        List<String> missing = CALLED_ENDPOINT_SERVICES.stream().filter(s -> !endpoints.contains(s)).toList();
        if (!missing.isEmpty()) {
            f.report(existing.path("interfaceEndpoints"), existing.raw("interfaceEndpoints"),
                    "every API the functions call without NAT: missing " + String.join(", ", missing)
                            + " (or egress \"nat\")");
        }
    }
}
