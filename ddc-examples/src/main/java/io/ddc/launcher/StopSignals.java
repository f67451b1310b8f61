package io.ddc.launcher;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Catches SIGINT (Ctrl-C) and SIGTERM (what systemd, Kubernetes and {@code kill} send) for the time
 * of a run, so that the launcher can stop the run gracefully and tell the two apart in its exit
 * code (130 and 143), which a shutdown hook cannot: the JVM runs the same hooks for both, and
 * exits once they return.
 *
 * <p>The JDK has no public API for signals; the one every JDK since 1.2 ships is
 * {@code sun.misc.Signal} in the module {@code jdk.unsupported}, reached here by reflection because
 * javac warns about it at compile time whatever is done (and the build turns warnings into
 * errors). Where it is missing or refuses a signal (a JVM started with {@code -Xrs}),
 * {@link #install} catches nothing and says so; the caller's shutdown hook still stops the run. A
 * signal that was ignored when the JVM started (SIGINT, for a background job of a script) stays
 * ignored, as the parent asked.
 *
 * <p>Closing puts back the handlers that were there before. Thread-safe; the callback runs on the
 * JVM's signal-dispatch thread and must return quickly.
 */
final class StopSignals implements AutoCloseable {
    /** The signals caught, as {@code sun.misc.Signal} names them. */
    static final List<String> NAMES = List.of("INT", "TERM");

    private final List<Restore> previous;
    private final List<String> ignored;

    private StopSignals(List<Restore> previous, List<String> ignored) {
        this.previous = previous;
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Catches SIGINT and SIGTERM until {@link #close()}.
     *
     * @param onSignal called with {@code INT} or {@code TERM} for each signal received
     * @return the installed handlers; catches nothing if the JVM offers no signal API
     */
    static StopSignals install(Consumer<String> onSignal) {
        Objects.requireNonNull(onSignal, "onSignal");
        List<Restore> installed = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Constructor<?> named = signal.getConstructor(String.class);
            Method handle = signal.getMethod("handle", signal, handlerType);
            Object ignore = handlerType.getField("SIG_IGN").get(null);
            for (String name : NAMES) {
                InvocationHandler call = (proxy, method, arguments) -> dispatch(proxy, method, arguments, name,
                        onSignal);
                Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                        call);
                Object which = named.newInstance(name);
                try {
                    Object before = handle.invoke(null, which, handler);
                    if (before == ignore) {
                        // the parent asked for it to be ignored (nohup, a background job of a script): so be it
                        handle.invoke(null, which, before);
                        ignored.add(name);
                    } else {
                        installed.add(new Restore(name, handle, which, before));
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // this JVM keeps the signal for itself (-Xrs, or a debugger): the shutdown hook still works
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal in this runtime
        }
        return new StopSignals(installed, ignored);
    }

    private static @Nullable Object dispatch(Object proxy, Method method, Object @Nullable [] arguments, String name,
            Consumer<String> onSignal) {
        switch (method.getName()) {
            case "handle":
                onSignal.accept(name);
                return null;
            case "equals":
                return arguments != null && arguments.length == 1 && proxy == arguments[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "ddc stop handler for SIG" + name;
            default:
                throw new UnsupportedOperationException(method.getName());
        }
    }

    /**
     * @return the signals that were ignored when the JVM started (a background job of a script
     *     ignores SIGINT, {@code nohup} SIGHUP), and stay ignored, as their parent asked
     */
    List<String> ignored() {
        return ignored;
    }

    /** @return the signals caught, such as {@code [INT, TERM]}; empty if none could be */
    List<String> caught() {
        return previous.stream().map(restore -> restore.name).toList();
    }

    /** Puts back the handlers that were there before {@link #install}. */
    @Override
    public void close() {
        for (Restore restore : previous) {
            try {
                restore.handle.invoke(null, restore.signal, restore.handler);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // nothing more can be done: the JVM keeps ours, which only stops a run that has ended
            }
        }
    }

    /** A signal and the handler it had before. */
    private static final class Restore {
        final String name;
        final Method handle;
        final Object signal;
        final Object handler;

        Restore(String name, Method handle, Object signal, Object handler) {
            this.name = name;
            this.handle = handle;
            this.signal = signal;
            this.handler = handler;
        }
    }
}
