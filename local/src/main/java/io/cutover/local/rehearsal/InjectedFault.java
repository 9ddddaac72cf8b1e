package io.cutover.local.rehearsal;

/** A fault the rehearsal injected: when (epoch ms) and what exactly was done. */
public record InjectedFault(Fault fault, long at, String detail) {
}
