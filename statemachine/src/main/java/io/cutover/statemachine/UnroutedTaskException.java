package io.cutover.statemachine;

import java.util.Set;
import java.util.TreeSet;

/** A Task state invoked a task (or resource) nobody routed: the script of the run is incomplete. */
public class UnroutedTaskException extends RuntimeException {
    public UnroutedTaskException(String stateName, String resource, String task, Set<String> routedTasks,
                                 Set<String> routedResources) {
        super("no route for state '" + stateName + "' (task " + (task == null ? "<none>" : "'" + task + "'")
                + ", resource '" + resource + "'); routed tasks " + new TreeSet<>(routedTasks)
                + ", routed resources " + new TreeSet<>(routedResources));
    }
}
