package io.cutover.core.request;

import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import java.util.List;

/** A payload that is not a valid request; nothing has been done when this is thrown. */
public class InvalidRequestException extends InvalidDocumentException {
    public InvalidRequestException(List<Problem> problems) {
        super("request", problems);
    }
}
