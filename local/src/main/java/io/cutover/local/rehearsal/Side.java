package io.cutover.local.rehearsal;

/** The two databases of a rehearsal: the PostgreSQL source and the target standing in for Aurora. */
public enum Side {
    SOURCE, TARGET;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Side other() {
        return this == SOURCE ? TARGET : SOURCE;
    }
}
