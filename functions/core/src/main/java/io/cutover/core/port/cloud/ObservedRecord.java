package io.cutover.core.port.cloud;

/**
 * One weighted record as Route 53 currently holds it.
 *
 * @param setIdentifier its {@code SetIdentifier}
 * @param weight        its {@code Weight} (0..255)
 * @param ttl           its TTL in seconds; null for an alias record
 * @param value         its first resource record value, or the alias target DNS name
 */
public record ObservedRecord(String setIdentifier, long weight, Long ttl, String value) {
}
