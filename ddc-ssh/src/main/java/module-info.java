/**
 * The SSH runner: runs probes on Linux and Unix machines, and on Windows machines with OpenSSH, over
 * SSH sessions that are kept across probes and iterations (Apache MINA SSHD, no {@code ssh}
 * processes). Found by {@link io.ddc.spi.RemoteRunner#load} under the name {@code ssh}; the same
 * provider is also declared in {@code META-INF/services/io.ddc.spi.RemoteRunner} for class-path
 * users and shaded jars.
 *
 * <p>MINA SSHD is used through its single OSGi jar ({@code org.apache.sshd.osgi}): sshd-core and
 * sshd-common split packages and cannot both sit on the module path. It is an automatic module,
 * hence the suppressed lint. BouncyCastle is required so that it is resolved: MINA needs it for
 * Ed25519 keys and the post-quantum key exchanges.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
@org.jspecify.annotations.NullMarked
module io.ddc.ssh {
    requires transitive io.ddc.api;
    requires org.apache.sshd.osgi;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.ddc.ssh;

    provides io.ddc.spi.RemoteRunner with io.ddc.ssh.SshRunner;
}
