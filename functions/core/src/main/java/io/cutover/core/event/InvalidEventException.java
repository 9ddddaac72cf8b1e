package io.cutover.core.event;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import java.util.List;

/** An event that is not one our rules deliver, or is malformed; nothing acts on it. */
public class InvalidEventException extends InvalidDocumentException {
    public InvalidEventException(List<Problem> problems) {
        super("event", problems);
    }
}
