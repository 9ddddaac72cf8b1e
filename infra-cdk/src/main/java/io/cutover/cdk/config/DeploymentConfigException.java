package io.cutover.cdk.config;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import java.util.List;

/**
 * A deployment that cannot be synthesized as configured. The message names the file and every field
 * that is wrong, so {@code cdk synth} fails with something a person can act on.
 */
public class DeploymentConfigException extends InvalidDocumentException {
    public DeploymentConfigException(String what, List<Problem> problems) {
        super(what, problems);
    }
}
