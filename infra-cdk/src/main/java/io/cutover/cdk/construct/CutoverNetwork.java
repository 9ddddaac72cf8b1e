package io.cutover.cdk.construct;

import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.config.LogRetention;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The VPC the database, DMS and the database-facing Lambda live in: an existing one, described by ids
 * so synthesis needs no AWS lookup, or a new one with private subnets behind NAT (the Lambdas call AWS
 * APIs), an interface endpoint for Route 53's API, and flow logs.
 */
public final class CutoverNetwork extends Construct {

    public record Props(DeploymentConfig.Network network, int flowLogRetentionDays) {
        public Props {
            Objects.requireNonNull(network, "network");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private DeploymentConfig.Network network;
            private int flowLogRetentionDays = 30;

            public Builder network(DeploymentConfig.Network network) {
                this.network = network;
                return this;
            }

            public Builder flowLogRetentionDays(int days) {
                this.flowLogRetentionDays = days;
                return this;
            }

            public Props build() {
                return new Props(network, flowLogRetentionDays);
            }
        }
    }

    private final IVpc vpc;
    /** Null in an existing VPC: how it reaches the APIs is its owner's (network.existingVpc.egress). */
    private final InterfaceVpcEndpoint route53Endpoint;

    public CutoverNetwork(Construct scope, String id, Props props) {
        super(scope, id);
        DeploymentConfig.Network network = props.network();
        if (network.createsVpc()) {
            LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                    .retention(LogRetention.days(props.flowLogRetentionDays()))
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            this.vpc = Vpc.Builder.create(this, "Vpc")
                    .ipAddresses(IpAddresses.cidr(network.cidr()))
                    .availabilityZones(network.availabilityZones())
                    .natGateways(network.natGateways())
                    .restrictDefaultSecurityGroup(false)
                    .subnetConfiguration(List.of(
                            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24)
                                    .build(),
                            SubnetConfiguration.builder().name("private").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                    .cidrMask(22).build()))
                    .flowLogs(Map.of("All", FlowLogOptions.builder()
                            .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                            .trafficType(FlowLogTrafficType.ALL)
                            .build()))
                    .build();
            Nag.allowWildcards(this, "The flow-log delivery role writes log streams of its own log group only;"
                    + " stream names are chosen by the VPC Flow Logs service.", "Resource::<.*FlowLogs.*\\.Arn>:\\*");
            this.route53Endpoint = route53Endpoint(vpc);
        } else {
            this.route53Endpoint = null;
            VpcAttributes.Builder attributes = VpcAttributes.builder()
                    .vpcId(network.vpcId())
                    .availabilityZones(network.availabilityZones())
                    .privateSubnetIds(network.privateSubnetIds());
            if (!network.privateSubnetRouteTableIds().isEmpty()) {
                attributes.privateSubnetRouteTableIds(network.privateSubnetRouteTableIds());
            }
            this.vpc = Vpc.fromVpcAttributes(this, "Vpc", attributes.build());
            if (network.privateSubnetRouteTableIds().isEmpty()) {
                // Nothing here adds routes or gateway endpoints, so the route tables are never needed.
                vpc.getPrivateSubnets().forEach(subnet -> Annotations.of(subnet).acknowledgeWarning(
                        "@aws-cdk/aws-ec2:noSubnetRouteTableId", "No construct of the cutover reads route tables"));
            }
        }
    }

    /**
     * Route 53's API (route53.amazonaws.com, signed for us-east-1: "Amazon Route 53 endpoints and quotas", AWS
     * General Reference) through AWS PrivateLink: the PrivateLink Guide's "Cross-region enabled AWS services" lists
     * Amazon Route 53 as com.amazonaws.route53, a service in us-east-1 that a VPC of another Region reaches through a
     * cross-Region interface endpoint (ServiceRegion). With private DNS, the functions' Route 53 client resolves its
     * usual endpoint to the endpoint's addresses, so the weight changes do not depend on the NAT gateways. The
     * endpoint admits only the clients {@link #allowApiEndpointsFrom} names, not the whole VPC.
     */
    private static InterfaceVpcEndpoint route53Endpoint(IVpc vpc) {
        String region = Stack.of(vpc).getRegion();
        InterfaceVpcEndpointOptions.Builder options = InterfaceVpcEndpointOptions.builder()
                .service(new InterfaceVpcEndpointService(ROUTE53_ENDPOINT_SERVICE, 443))
                .privateDnsEnabled(true)
                .open(false)
                .subnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build());
        if (!ROUTE53_SERVICE_REGION.equals(region)) {
            options.serviceRegion(ROUTE53_SERVICE_REGION);
        }
        return vpc.addInterfaceEndpoint("Route53", options.build());
    }

    /** The functions in the VPC ({@code clients}) may call Route 53 through the endpoint the stack made, if any. */
    public void allowApiEndpointsFrom(ISecurityGroup clients) {
        if (route53Endpoint != null) {
            route53Endpoint.getConnections().allowDefaultPortFrom(clients, "cutover functions call Route 53's API");
        }
    }

    /** The Route 53 API's endpoint service (AWS PrivateLink Guide, "Cross-region enabled AWS services"). */
    public static final String ROUTE53_ENDPOINT_SERVICE = "com.amazonaws.route53";
    /** Where Route 53's API and so its endpoint service are ("Amazon Route 53 endpoints and quotas"). */
    public static final String ROUTE53_SERVICE_REGION = "us-east-1";

    public IVpc vpc() {
        return vpc;
    }

    /** The private subnets: database, DMS and the database-facing Lambda go here. */
    public List<ISubnet> privateSubnets() {
        return vpc.getPrivateSubnets();
    }

    public SubnetSelection privateSubnetSelection() {
        return SubnetSelection.builder().subnets(privateSubnets()).build();
    }
}
