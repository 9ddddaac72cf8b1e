package io.cutover.handlers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A port whose adapter is built on first use. Each function uses two to four of the seven AWS clients;
 * building only those keeps a cold start from paying for the rest.
 */
final class Lazy {
    private Lazy() {
    }

    static <T> T of(Class<T> port, Supplier<? extends T> factory) {
        Supplier<? extends T> instance = once(factory);
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "Lazy<" + port.getSimpleName() + ">";
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            try {
                return method.invoke(instance.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** The factory's value, built on the first {@code get()} and kept; later calls take no lock. */
    static <T> Supplier<T> once(Supplier<? extends T> factory) {
        return new Supplier<>() {
            private volatile T value;

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
        };
    }
}
