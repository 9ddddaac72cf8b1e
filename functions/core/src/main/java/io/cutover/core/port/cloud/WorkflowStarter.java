package io.cutover.core.port.cloud;

/** Starts the cutover state machine. */
public interface WorkflowStarter {

    WorkflowStartResult start(WorkflowStart start);
}
