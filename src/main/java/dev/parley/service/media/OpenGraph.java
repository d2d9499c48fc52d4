package dev.parley.service.media;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the OpenGraph properties ({@code <meta property="og:…" content="…">}, https://ogp.me/)
 * of an HTML page, with the page's {@code <title>} and meta description as fallbacks for
 * {@code og:title} and {@code og:description}. A small tolerant scanner, not an HTML parser:
 * previews need a handful of tags from the head of a page.
 */
final class OpenGraph {
    private static final Pattern META = Pattern.compile("<meta\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z_:.-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");
    private static final Pattern TITLE = Pattern.compile("<title\\b[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final int MAX_PROPERTIES = 64;
    private static final int MAX_VALUE_LENGTH = 2000;

    private OpenGraph() {
    }

    /** The page's text: the charset from {@code Content-Type}, else a {@code <meta charset>}, else UTF-8. */
    static String decode(byte[] page, Optional<String> contentType) {
        Optional<String> declared = contentType.flatMap(OpenGraph::charsetParameter);
        if (declared.isEmpty()) {
            String head = new String(page, 0, Math.min(page.length, 2048), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            declared = m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
        Charset charset = StandardCharsets.UTF_8;
        if (declared.isPresent()) {
            try {
                charset = Charset.forName(declared.get());
            } catch (IllegalArgumentException e) {
                // An unknown charset name: UTF-8 is the web's default.
            }
        }
        return new String(page, charset);
    }

    private static Optional<String> charsetParameter(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return Optional.of(p.substring(8).replace("\"", "").trim());
            }
        }
        return Optional.empty();
    }

    /** The og:* properties, first occurrence of each, values entity-decoded. */
    static Map<String, String> parse(String html) {
        Map<String, String> og = new LinkedHashMap<>();
        String description = null;
        Matcher meta = META.matcher(html);
        while (meta.find() && og.size() < MAX_PROPERTIES) {
            Map<String, String> attributes = attributes(meta.group(1));
            String key = Optional.ofNullable(attributes.get("property")).orElse(attributes.get("name"));
            String content = attributes.get("content");
            if (key == null || content == null) {
                continue;
            }
            key = key.trim();
            String value = clip(unescape(content).trim());
            if (key.toLowerCase(Locale.ROOT).startsWith("og:")) {
                og.putIfAbsent(key, value);
            } else if (key.equalsIgnoreCase("description") && description == null) {
                description = value;
            }
        }
        if (!og.containsKey("og:title")) {
            Matcher title = TITLE.matcher(html);
            if (title.find()) {
                String text = clip(unescape(title.group(1)).replaceAll("\\s+", " ").trim());
                if (!text.isEmpty()) {
                    og.put("og:title", text);
                }
            }
        }
        if (!og.containsKey("og:description") && description != null && !description.isEmpty()) {
            og.put("og:description", description);
        }
        return og;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        return out;
    }

    private static String clip(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement;
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(entity.substring(2), 16), m.group());
            } else if (entity.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(entity.substring(1)), m.group());
            } else {
                replacement = switch (entity) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> "\u00a0";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int cp, String original) {
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : original;
    }
}
