/** The consumer check's program, as a named module: it needs only the API and the engine. */
module io.ddc.consumer {
    requires io.ddc.api;
    requires io.ddc.core;
}
