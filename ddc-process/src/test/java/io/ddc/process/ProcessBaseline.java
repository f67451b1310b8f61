package io.ddc.process;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Remembers the test JVM's descendant processes before each test, so the test can tell which ones
 * it started, and kills whatever a failing test left behind.
 */
final class ProcessBaseline implements BeforeEachCallback, AfterEachCallback {
    private Set<Long> before = Set.of();

    @Override
    public void beforeEach(ExtensionContext context) {
        before = TestProcesses.descendants();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestProcesses.killDescendantsBut(before);
    }

    /** @return the descendants that existed before the test started */
    Set<Long> before() {
        return before;
    }
}
