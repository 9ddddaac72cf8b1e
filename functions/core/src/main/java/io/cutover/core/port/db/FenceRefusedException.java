package io.cutover.core.port.db;

import java.util.List;

/** The fence refused to start: nothing was changed. {@link #roles()} names the offending roles. */
public class FenceRefusedException extends DatabaseStepException {
    private final List<String> roles;

    public FenceRefusedException(String message, List<String> roles) {
        super("fence", message);
        this.roles = List.copyOf(roles);
    }

    public List<String> roles() {
        return roles;
    }
}
