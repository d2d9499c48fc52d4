package dev.parley.config;

import dev.parley.config.ParleyConfig.Contact;
import dev.parley.config.ParleyConfig.Support;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code well_known.support}, the document {@code /.well-known/matrix/support} serves, and
 * checks the rules of the spec's schema (support.yaml): at least one of {@code contacts} and
 * {@code support_page}; each contact has a {@code role} and a Matrix ID or an email address.
 */
final class SupportConfigReader {
    private SupportConfigReader() {
    }

    /** @return empty when the key is absent or null: the endpoint then answers 404 */
    static Optional<Support> read(ConfigNode wellKnown) {
        if (!wellKnown.has("support")) {
            return Optional.empty();
        }
        ConfigNode node = wellKnown.child("support");
        List<Contact> contacts = node.children("contacts", SupportConfigReader::contact, List.of());
        Optional<URI> page = Optional.ofNullable(node.string("support_page", null)).flatMap(raw -> url(node, raw));
        if (contacts.isEmpty() && page.isEmpty()) {
            node.problem("contacts", "at least one contact or a support_page is required");
        }
        node.rejectUnknownKeys();
        return Optional.of(new Support(contacts, page));
    }

    private static Contact contact(ConfigNode node) {
        Optional<String> matrixId = Optional.ofNullable(node.string("matrix_id", null));
        Optional<String> email = Optional.ofNullable(node.string("email_address", null));
        String role = node.string("role", null);
        if (matrixId.isEmpty() && email.isEmpty()) {
            node.problem("matrix_id", "a contact needs a matrix_id or an email_address");
        }
        if (matrixId.isPresent() && !matrixId.get().startsWith("@")) {
            node.problem("matrix_id", "must be a Matrix user ID such as @admin:example.org");
        }
        if (role == null || role.isBlank()) {
            node.problem("role", "is required (m.role.admin, m.role.security or a namespaced role)");
        }
        return new Contact(matrixId, email, role);
    }

    private static Optional<URI> url(ConfigNode node, String raw) {
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null || uri.getHost() == null) {
                node.problem("support_page", "must be an absolute URL, got '" + raw + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            node.problem("support_page", "is not a URL: " + e.getMessage());
            return Optional.empty();
        }
    }
}
