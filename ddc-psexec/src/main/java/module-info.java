/**
 * The PsExec runner: runs probes on Windows machines that have nothing installed, through
 * Sysinternals PsExec or a compatible launcher. Found by {@link io.ddc.spi.RemoteRunner#load} under
 * the name {@code psexec}; the same provider is also declared in
 * {@code META-INF/services/io.ddc.spi.RemoteRunner} for class-path users and shaded jars.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.psexec {
    requires transitive io.ddc.api;
    requires io.ddc.process;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.ddc.psexec;

    provides io.ddc.spi.RemoteRunner with io.ddc.psexec.PsExecRunner;
}
