package io.ddc.parsers;

/**
 * Thrown by a parser built {@code strict(true)} at the first problem in its input. It is an
 * {@link IllegalArgumentException}, like {@link NumberFormatException}: the input is the bad value.
 */
public final class MalformedOutputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problem's line number. */
    private final long line;
    /** The problem's message (a {@link ParseProblem} is not kept, so that the exception stays serializable). */
    private final String problem;

    /**
     * Creates the exception for a problem.
     *
     * @param problem the first problem found
     */
    public MalformedOutputException(ParseProblem problem) {
        super(problem.toString());
        this.line = problem.line();
        this.problem = problem.message();
    }

    /** @return the problem, with its line number */
    public ParseProblem problem() {
        return new ParseProblem(line, problem);
    }
}
