/**
 * The DDC engine: schedules, iterations, availability, storage, trace files, post-collection, and
 * the local runner. Users reach it through {@link io.ddc.Experiment#start()}; the public types here
 * are the {@link io.ddc.core.LocalRunner} and the readers of the files the engine writes.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.core {
    requires transitive io.ddc.api;
    requires io.ddc.files;
    requires io.ddc.process;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.ddc.core;

    provides io.ddc.spi.ExperimentEngine with io.ddc.core.DdcEngine;
    provides io.ddc.spi.RemoteRunner with io.ddc.core.LocalRunner;
}
