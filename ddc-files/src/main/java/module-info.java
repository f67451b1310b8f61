/**
 * The on-disk format of an experiment folder: {@link io.ddc.files.ExperimentFolder} (the layout),
 * {@link io.ddc.files.TraceReader} (trace files), {@link io.ddc.files.OutputFile} (the records of
 * the output files) and {@link io.ddc.files.StateFile} (the state file). The engine writes through
 * it; the report, the mail listener and the launcher read through it; nothing else names a file of
 * the folder.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.files {
    requires transitive io.ddc.api;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports io.ddc.files;
}
