/**
 * Exclusive access to targets: {@link io.ddc.inuse.InUseCheck}, an
 * {@link io.ddc.spi.AvailabilityCheck} that makes a target unavailable while someone is logged on
 * to it, asking {@code quser} or {@code who} ({@link io.ddc.inuse.LoggedOnQuery}) through the
 * experiment's runner; the {@code quser} table is cut into cells by
 * {@link io.ddc.parsers.ColumnTableParser#positional()}.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.inuse {
    requires transitive io.ddc.api;
    requires io.ddc.parsers;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.ddc.inuse;
}
