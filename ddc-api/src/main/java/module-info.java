/**
 * The DDC API: what a user touches ({@code io.ddc}) and what an integrator implements
 * ({@code io.ddc.spi}). The engine is found through {@link java.util.ServiceLoader}, so this module
 * carries no implementation of its own.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.api {
    requires static transitive org.jspecify;

    exports io.ddc;
    exports io.ddc.spi;

    uses io.ddc.spi.ExperimentEngine;
    uses io.ddc.spi.RemoteRunner;
}
