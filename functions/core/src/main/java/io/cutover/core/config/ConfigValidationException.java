package io.cutover.core.config;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import java.util.List;

/** A cutover config with problems; {@link #problems()} lists every one, each naming its field. */
public class ConfigValidationException extends InvalidDocumentException {
    public ConfigValidationException(List<Problem> problems) {
        super("cutover config", problems);
    }
}
