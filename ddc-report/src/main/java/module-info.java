/**
 * The availability report of an experiment folder, as text and HTML ({@link io.ddc.report.ExperimentReport}),
 * and the tally of why results failed ({@link io.ddc.report.ReasonTally}).
 */
@org.jspecify.annotations.NullMarked
module io.ddc.report {
    requires transitive io.ddc.api;
    requires io.ddc.files;
    requires static transitive org.jspecify;

    exports io.ddc.report;
}
