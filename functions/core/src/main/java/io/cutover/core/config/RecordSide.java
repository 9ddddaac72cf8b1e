package io.cutover.core.config;

/** One weighted record of a group: its Route 53 set identifier and the endpoint it points to. */
public record RecordSide(String setIdentifier, String value) {
}
