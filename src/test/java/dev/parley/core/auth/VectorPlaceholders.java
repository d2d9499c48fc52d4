package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the placeholders of the vector files, which cannot hold real keys or signatures:
 * {@code "VERSION"} (the room version under test), {@code "PUBLIC_KEY:name"} (that test key's
 * public half) and a {@code "signatures": "SIGN_WITH:name"} member (the enclosing object signed
 * with that key, as a third-party invite's {@code signed} block is).
 */
final class VectorPlaceholders {

    private VectorPlaceholders() {
    }

    static ObjectNode fill(ObjectNode node, String version) {
        ObjectNode copy = node.deepCopy();
        fillObject(copy, version);
        return copy;
    }

    private static void fillObject(ObjectNode object, String version) {
        String signWith = null;
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
        for (Map.Entry<String, JsonNode> entry : entries) {
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                String text = value.textValue();
                if (entry.getKey().equals("signatures") && text.startsWith("SIGN_WITH:")) {
                    signWith = text.substring("SIGN_WITH:".length());
                } else {
                    object.set(entry.getKey(), replace(text, version));
                }
            } else if (value instanceof ObjectNode child) {
                fillObject(child, version);
            } else if (value instanceof ArrayNode array) {
                fillArray(array, version);
            }
        }
        if (signWith != null) {
            TestSignatures.signThirdPartyBlock(object, signWith);
        }
    }

    private static void fillArray(ArrayNode array, String version) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (value.isTextual()) {
                array.set(i, replace(value.textValue(), version));
            } else if (value instanceof ObjectNode child) {
                fillObject(child, version);
            } else if (value instanceof ArrayNode inner) {
                fillArray(inner, version);
            }
        }
    }

    private static TextNode replace(String text, String version) {
        if (text.equals("VERSION")) {
            return TextNode.valueOf(version);
        }
        if (text.startsWith("PUBLIC_KEY:")) {
            return TextNode.valueOf(TestSignatures.publicKeyOf(text.substring("PUBLIC_KEY:".length())));
        }
        return TextNode.valueOf(text);
    }
}
