package io.ddc.core;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.IterationSummary;
import io.ddc.PostCollectorFailure;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to the experiment's listeners; a listener that throws is logged and skipped. */
final class Listeners implements ExperimentListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<ExperimentListener> listeners;

    Listeners(List<ExperimentListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void iterationStarted(String experiment, long iterationId, int targets) {
        each(l -> l.iterationStarted(experiment, iterationId, targets));
    }

    @Override
    public void executionFinished(ExecutionResult result) {
        each(l -> l.executionFinished(result));
    }

    @Override
    public void iterationFinished(IterationSummary summary) {
        each(l -> l.iterationFinished(summary));
    }

    @Override
    public void waitingForNextIteration(String experiment, Instant nextStart) {
        each(l -> l.waitingForNextIteration(experiment, nextStart));
    }

    @Override
    public void postCollectorFailed(PostCollectorFailure failure) {
        each(l -> l.postCollectorFailed(failure));
    }

    private void each(Consumer<ExperimentListener> event) {
        for (ExperimentListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("listener {} threw; ignored", listener, e);
            }
        }
    }
}
