package io.ddc.launcher;

import io.ddc.ExecutionResult;
import io.ddc.PostCollector;
import io.ddc.launcher.ExperimentFile.Located;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Makes a post-collector from the class name an experiment file gives ({@code post-collectors:
 * [com.example.DiskAlert]}): a public, concrete class that implements {@link PostCollector}, found
 * by a class loader (the launcher's class path, plus the jars of {@code --class-path}), built with
 * the first of its public constructors that exists:
 * <ol>
 *   <li>{@code (Map<String, Object> settings, BiConsumer<ExecutionResult, String> alerts)}: the
 *       probe's {@code settings}, and where to raise alerts ({@code alerts.accept(result, text)}:
 *       printed as an {@code ALERT} line, and mailed when mail is on);</li>
 *   <li>{@code (Map<String, Object> settings)};</li>
 *   <li>{@code ()}.</li>
 * </ol>
 * Each takes only JDK and {@code ddc-api} types, so a post-collector compiles against
 * {@code ddc-api} alone.
 *
 * <p>Stateless and thread-safe.
 */
final class PostCollectorClasses {
    private PostCollectorClasses() {}

    /**
     * Loads and builds one post-collector.
     *
     * @param className the class name and where the file gives it
     * @param settings the probe's {@code settings}, unmodifiable
     * @param alerts where the post-collector raises alerts
     * @param loader where classes are found
     * @param where how the class path is described in messages, such as "the class path and the
     *     --class-path jars lib/alerts.jar"
     * @return the post-collector
     * @throws IllegalArgumentException starting with {@code FILE:LINE:COLUMN: post-collector NAME:},
     *     if the class is missing, is not a post-collector, has no usable constructor, or its
     *     constructor throws
     */
    static PostCollector create(Located<String> className, Map<String, Object> settings,
            BiConsumer<ExecutionResult, String> alerts, ClassLoader loader, String where) {
        Objects.requireNonNull(settings, "settings");
        String name = className.value();
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw error(className, "class not found on " + where + ": check its name (with its package) or add its"
                    + " jar with --class-path JAR");
        } catch (LinkageError e) {
            throw error(className, "class cannot be loaded: " + e);
        }
        if (!PostCollector.class.isAssignableFrom(type)) {
            throw error(className, "is not a post-collector: the class must implement " + PostCollector.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())
                || type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw error(className, "must be a public, concrete, top-level or static nested class");
        }
        Constructor<?> constructor = constructor(type);
        if (constructor == null) {
            throw error(className, "has no public constructor without arguments, taking the probe's settings"
                    + " (java.util.Map), or taking the settings and the alerts (java.util.Map,"
                    + " java.util.function.BiConsumer)");
        }
        try {
            Object instance = switch (constructor.getParameterCount()) {
                case 0 -> constructor.newInstance();
                case 1 -> constructor.newInstance(settings);
                default -> constructor.newInstance(settings, alerts);
            };
            return (PostCollector) instance;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw error(className, "its constructor threw " + cause);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw error(className, "cannot be built: " + e);
        }
    }

    private static @Nullable Constructor<?> constructor(Class<?> type) {
        for (Class<?>[] parameters : List.of(new Class<?>[] {Map.class, BiConsumer.class}, new Class<?>[] {Map.class},
                new Class<?>[0])) {
            try {
                return type.getConstructor(parameters);
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static IllegalArgumentException error(Located<String> className, String problem) {
        return new IllegalArgumentException(className.at() + ": post-collector " + className.value() + ": " + problem);
    }
}
