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
        Object[] instance = new Object[1];
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "Lazy<" + port.getSimpleName() + ">";
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            synchronized (instance) {
                if (instance[0] == null) {
                    instance[0] = factory.get();
                }
            }
            try {
                return method.invoke(instance[0], args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
