package dev.parley.bench;

import java.util.List;

/**
 * A workload of issue 9 that the server cannot support yet. It is listed so the structure is
 * visible, and refuses to run with the reason, rather than measuring something else.
 */
record PendingWorkload(String name, String description, String waitsFor) implements Workload {
    @Override
    public List<String> defaultCases() {
        return List.of();
    }

    @Override
    public String caseSyntax() {
        return "(not implemented yet: " + waitsFor + ")";
    }

    @Override
    public CaseResult run(String caseName, Context context) {
        throw new UnsupportedOperationException(name + " is not implemented yet: it waits for " + waitsFor);
    }
}
