package io.ddc;

/**
 * When the records an execution appends to its output files reach the disk, chosen with
 * {@link Experiment.Builder#durability(Durability)}. Trace lines and the state file are forced to
 * disk in every mode. A crash of the coordinator process alone loses nothing in any mode: what was
 * written is in the operating system's cache; the modes differ in what a power cut or an
 * operating-system crash can take.
 */
public enum Durability {
    /**
     * Each execution's two files are forced as soon as its records are appended, before listeners
     * and post-collectors hear of it: a power cut loses nothing they have seen. The next probe on
     * that target waits for the forces.
     */
    EACH_EXECUTION,
    /**
     * The files a target's visit appended to are forced when the visit ends, before the
     * iteration's trace lines are written: a trace line never names an execution whose output a
     * power cut could take. The default; as many forces as {@link #EACH_EXECUTION}, in another
     * place.
     */
    EACH_VISIT,
    /**
     * Output files are never forced; the operating system writes them out on its own (within about
     * 30 s by Linux's defaults). A power cut can lose the last records while the trace lines, which
     * are still forced, name their executions. For experiments whose post-collectors keep what
     * matters; it saves two {@code fsync} calls per execution ({@code BENCHMARKS.md}).
     */
    OPERATING_SYSTEM
}
