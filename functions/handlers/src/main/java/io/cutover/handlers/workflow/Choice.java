package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A Choice state: the first rule that holds picks the next state, else the default. */
final class Choice extends State<Choice> {
    /** A rule of this workflow: a boolean field of the input is true. */
    record Rule(String variable, String next) {
    }

    private final List<Rule> rules = new ArrayList<>();
    /** Rules written as ASL conditions, checked before the boolean rules (each with its Next). */
    private final List<ObjectNode> conditions = new ArrayList<>();
    private String otherwise;

    Choice(String name) {
        super(name);
    }

    Choice whenTrue(String variable, String next) {
        rules.add(new Rule(variable, next));
        return this;
    }

    /** Goes to {@code next} when every field named is present and a string (an input's shape, checked in ASL). */
    Choice whenStrings(String next, String... variables) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        ArrayNode and = rule.putArray("And");
        for (String variable : variables) {
            and.addObject().put("Variable", variable).put("IsPresent", true);
            and.addObject().put("Variable", variable).put("IsString", true);
        }
        rule.put("Next", next);
        conditions.add(rule);
        return this;
    }

    /** Goes to {@code next} when the field is present, whatever its value. */
    Choice whenPresent(String variable, String next) {
        conditions.add(JsonNodeFactory.instance.objectNode().put("Variable", variable).put("IsPresent", true)
                .put("Next", next));
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
        conditions.forEach(condition -> choices.add(condition.deepCopy()));
        rules.forEach(rule -> choices.addObject()
                .put("Variable", rule.variable())
                .put("BooleanEquals", true)
                .put("Next", rule.next()));
        if (otherwise != null) {
            json.put("Default", otherwise);
        }
    }
}
