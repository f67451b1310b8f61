package io.ddc.inuse;

import java.util.List;

/** Reads the sessions out of what a logged-on query printed, for one output format. */
interface LoggedOnReader {
    /**
     * Reads the sessions.
     *
     * @param exitCode the query's exit code
     * @param stdout its standard output, decoded
     * @param stderr its standard error, decoded
     * @return the sessions listed, empty when nobody is logged on
     * @throws LoggedOnNotUnderstood if the output is not what the format promises
     */
    List<LoggedOnSession> read(int exitCode, String stdout, String stderr) throws LoggedOnNotUnderstood;

    /** @return the format's name for messages, e.g. {@code quser} */
    String format();
}
