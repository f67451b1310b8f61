package io.ddc.process;

import java.util.concurrent.CountDownLatch;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.jspecify.annotations.Nullable;

/**
 * Wakes the caller the moment an asynchronous execution ends. commons-exec's
 * {@code DefaultExecuteResultHandler} polls every 50 ms instead, which put a 50 ms floor under
 * every execution.
 */
final class CompletionLatch implements ExecuteResultHandler {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile @Nullable ExecuteException failure;

    @Override
    public void onProcessComplete(int exitValue) {
        done.countDown();
    }

    @Override
    public void onProcessFailed(ExecuteException e) {
        failure = e;
        done.countDown();
    }

    void await() throws InterruptedException {
        done.await();
    }

    /** @return the failure commons-exec reported, if any (start failure or a pump that overran) */
    @Nullable ExecuteException failure() {
        return failure;
    }
}
