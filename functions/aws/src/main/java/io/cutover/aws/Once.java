package io.cutover.aws;

import java.util.function.Supplier;

/**
 * A value built on the first {@link #get()} and kept; later calls take no lock. Clients and adapters are built this
 * way so that a function pays at cold start only for the services it calls.
 */
public final class Once<T> implements Supplier<T> {
    private final Supplier<? extends T> factory;
    private volatile T value;

    public Once(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }

    /** The value if it was built already, else null; never builds it. */
    public T ifBuilt() {
        return value;
    }
}
