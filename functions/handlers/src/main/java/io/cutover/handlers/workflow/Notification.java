package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Task state that publishes to the notification topic (the SNS integration, not a Lambda function). Notifications
 * are best effort: retried briefly, and if they still fail the execution goes on to the same next state, so a lost
 * message never changes the outcome. Only the subject, the message and where to go next differ between them.
 */
final class Notification extends State<Notification> {
    static final String RESOURCE = "arn:aws:states:::sns:publish";
    static final String TOPIC = "${NotificationTopicArn}";
    static final int TIMEOUT_SECONDS = 60;
    static final String ERROR_PATH = "$.notifyError";

    private final String subject;
    private final String message;
    private String next;

    /** Only through {@link Asl#publish}. */
    Notification(String stateName, String subject, String message) {
        super(stateName);
        this.subject = subject;
        this.message = message;
        comment("Best effort: a failed notification must not change the outcome.");
    }

    Notification next(String state) {
        this.next = state;
        return this;
    }

    @Override
    String type() {
        return "Task";
    }

    @Override
    void writeFields(ObjectNode json) {
        if (next == null) {
            throw new IllegalStateException(name() + " has no next(...)");
        }
        json.put("Resource", RESOURCE);
        json.set("Parameters", Fields.NONE.with("TopicArn", TOPIC).with("Subject", subject)
                .withPath("Message", message).toJson());
        json.put("TimeoutSeconds", TIMEOUT_SECONDS);
        // The publish result is of no use to later states; the execution input passes through unchanged.
        json.putNull("ResultPath");
        ArrayNode retriers = json.putArray("Retry");
        Retries.NOTIFICATION.forEach(retrier -> retriers.add(retrier.toJson()));
        json.putArray("Catch").add(Catcher.anyError(next, ERROR_PATH).toJson());
        json.put("Next", next);
    }
}
