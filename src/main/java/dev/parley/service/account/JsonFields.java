package dev.parley.service.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.error.MatrixException;
import java.util.Optional;

/** Reading optional fields of request bodies the services take as JSON trees. */
final class JsonFields {
    private JsonFields() {
    }

    /** The string at {@code field}; absent or null is empty, any other type is {@code M_BAD_JSON}. */
    static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw MatrixException.badJson("'" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }
}
