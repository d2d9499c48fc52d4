package dev.parley.service.room;

import dev.parley.core.error.MatrixException;

/** The two ways through room history: the {@code dir} parameter's {@code b} and {@code f}. */
public enum Direction {
    BACKWARDS, FORWARDS;

    /** @throws MatrixException {@code M_INVALID_PARAM} for anything but {@code b} or {@code f} */
    public static Direction parse(String dir) {
        return switch (dir) {
            case "b" -> BACKWARDS;
            case "f" -> FORWARDS;
            default -> throw MatrixException.invalidParam("dir must be 'b' or 'f'");
        };
    }
}
