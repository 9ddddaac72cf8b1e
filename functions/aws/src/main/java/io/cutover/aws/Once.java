package io.cutover.aws;

import java.util.function.Supplier;

/**
 * A value built on the first {@link #get()} and kept; later calls take no lock. {@link AwsClients} builds each SDK
 * client this way, and the adapters take a supplier of their client ({@code clients::ssm}) and call it per
 * request: building an adapter builds no client, so a function pays at cold start only for the services it calls.
 */
final class Once<T> implements Supplier<T> {
    private final Supplier<? extends T> factory;
    private volatile T value;

    Once(Supplier<? extends T> factory) {
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
    T ifBuilt() {
        return value;
    }
}
