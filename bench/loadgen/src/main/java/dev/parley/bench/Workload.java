package dev.parley.bench;

import java.util.List;

/**
 * One of issue 9's workloads. A workload has named cases (e.g. {@code seq-500}); each case sets
 * up what it needs (users, rooms) outside the measured window, then measures one phase.
 */
interface Workload {
    String name();

    String description();

    /** The cases run when none are named on the command line. */
    List<String> defaultCases();

    /** Examples of every case name this workload accepts, for {@code --list}. */
    String caseSyntax();

    CaseResult run(String caseName, Context context) throws Exception;

    /** The results of one case; a workload that measures several things per case returns one each. */
    default List<CaseResult> runAll(String caseName, Context context) throws Exception {
        return List.of(run(caseName, context));
    }
}
