package io.cutover.core.json;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a document has one or more problems; carries all of them, not just the first. */
public class InvalidDocumentException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidDocumentException(String what, List<Problem> problems) {
        super(what + " is invalid: " + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid document needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
