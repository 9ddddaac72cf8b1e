package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import java.util.Objects;
import software.amazon.awscdk.services.ssm.ParameterTier;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The migration's parameters that exist before any handler runs: the cutover config and the initial
 * state. Both are Advanced tier: the config can exceed 4 KB and the handlers grow the state with its
 * history. The {@code lock} parameter is deliberately absent: handlers create it atomically
 * ({@code Overwrite=false}) and a stack that owned it could not tell a held lock from its own.
 */
public final class CutoverParameters extends Construct {
    public static final String INITIAL_STATE = "{\"phase\":\"IDLE\"}";

    public record Props(CutoverNames names, String configJson) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(configJson, "configJson");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private String configJson;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            /** The rendered cutover config (see {@link StoredCutoverConfig}); may contain tokens. */
            public Builder configJson(String configJson) {
                this.configJson = configJson;
                return this;
            }

            public Props build() {
                return new Props(names, configJson);
            }
        }
    }

    private final StringParameter config;
    private final StringParameter state;

    public CutoverParameters(Construct scope, String id, Props props) {
        super(scope, id);
        CutoverNames names = props.names();
        this.config = StringParameter.Builder.create(this, "Config")
                .parameterName(names.parameterName("config"))
                .description("Cutover config of " + names.migrationId() + " (read by every cutover function)")
                .stringValue(props.configJson())
                .tier(ParameterTier.ADVANCED)
                .build();
        // Created once with the initial phase; the handlers own it afterwards. CloudFormation rewrites it
        // only if this definition changes, so a redeploy in the middle of a cutover leaves it alone.
        this.state = StringParameter.Builder.create(this, "State")
                .parameterName(names.parameterName("state"))
                .description("Cutover state of " + names.migrationId() + " (written by the handlers)")
                .stringValue(INITIAL_STATE)
                .tier(ParameterTier.ADVANCED)
                .build();
    }

    public StringParameter config() {
        return config;
    }

    public StringParameter state() {
        return state;
    }
}
