package io.ddc.core;

import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A runner whose behaviour a test scripts per call: what it prints and how the call ends. It
 * records every call and the highest number of calls in progress at once. Thread-safe.
 */
final class FakeRunner implements RemoteRunner {
    /** What one call does. */
    interface Script {
        RunResult run(ExecutionRequest request) throws InterruptedException;
    }

    private final Script script;
    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();

    FakeRunner(Script script) {
        this.script = script;
    }

    /** Every call prints "&lt;probe&gt; on &lt;target&gt;" and exits with the code the function gives. */
    static FakeRunner exitCodes(Function<ExecutionRequest, Integer> exitCode) {
        return new FakeRunner(request -> {
            print(request, request.probe().name() + " on " + request.target().name() + "\n");
            return RunResult.exited(exitCode.apply(request));
        });
    }

    static void print(ExecutionRequest request, String text) {
        try {
            request.stdout().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public RunResult run(ExecutionRequest request) throws InterruptedException {
        synchronized (calls) {
            calls.add(request.iterationId() + ":" + request.target().name() + ":" + request.probe().name());
        }
        int now = inProgress.incrementAndGet();
        maxInProgress.accumulateAndGet(now, Math::max);
        try {
            return script.run(request);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    /** @return "iteration:target:probe" of every call, in the order calls started */
    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    int maxInProgress() {
        return maxInProgress.get();
    }
}
