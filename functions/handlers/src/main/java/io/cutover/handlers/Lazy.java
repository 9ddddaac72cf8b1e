package io.cutover.handlers;

import io.cutover.aws.Once;
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
        Supplier<? extends T> instance = new Once<>(factory);
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
}
