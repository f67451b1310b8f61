package io.ddc.core;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.IterationStart;
import io.ddc.IterationSummary;
import io.ddc.NextIteration;
import io.ddc.PostCollectorFailure;
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
    public void iterationStarted(IterationStart start) {
        each(l -> l.iterationStarted(start));
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
    public void waitingForNextIteration(NextIteration next) {
        each(l -> l.waitingForNextIteration(next));
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
