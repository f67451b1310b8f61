package io.ddc.testing;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a class in a new JVM with the test's own class and module path, for the tests that need a
 * second process: a coordinator to kill, a launcher to send a signal to.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * Starts {@code mainClass} with the arguments; its standard error goes to {@code errors}.
     *
     * @return the started process; the caller must end and reap it
     */
    public static Process start(Class<?> mainClass, Path errors, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classPath(mainClass));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errors.toFile())
                .start();
    }

    /** The test classes, then everything the test JVM has on its module path and class path. */
    private static String classPath(Class<?> mainClass) {
        List<String> parts = new ArrayList<>();
        try {
            parts.add(Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
