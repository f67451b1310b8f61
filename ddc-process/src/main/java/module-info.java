/**
 * Runs one local process the way DDC needs it: argument by argument, standard input closed, output
 * streamed to sinks, and a watchdog that kills the whole process tree. The local runner
 * ({@code ddc-core}) and the PsExec runner ({@code ddc-psexec}) are built on it.
 */
// the modules it is exported to are built after it: javac cannot see them here
@SuppressWarnings("module")
@org.jspecify.annotations.NullMarked
module io.ddc.process {
    requires transitive io.ddc.api;
    requires org.apache.commons.exec;
    requires org.slf4j;
    requires static org.jspecify;

    // only the runners that start local processes use it; it is not part of the library's API
    exports io.ddc.process to io.ddc.core, io.ddc.psexec;
}
