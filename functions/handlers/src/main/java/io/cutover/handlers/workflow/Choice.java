package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A Choice state: the first rule that holds picks the next state, else the default. */
final class Choice extends State<Choice> {
    /** A rule of this workflow: a boolean field of the input is true. */
    record Rule(String variable, String next) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private String otherwise;

    Choice(String name) {
        super(name);
    }

    Choice whenTrue(String variable, String next) {
        rules.add(new Rule(variable, next));
        return this;
    }

    Choice otherwise(String next) {
        this.otherwise = next;
        return this;
    }

    @Override
    String type() {
        return "Choice";
    }

    @Override
    void writeFields(ObjectNode json) {
        ArrayNode choices = json.putArray("Choices");
        rules.forEach(rule -> choices.addObject()
                .put("Variable", rule.variable())
                .put("BooleanEquals", true)
                .put("Next", rule.next()));
        if (otherwise != null) {
            json.put("Default", otherwise);
        }
    }
}
