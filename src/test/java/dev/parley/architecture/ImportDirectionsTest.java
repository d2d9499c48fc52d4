package dev.parley.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's package table, enforced: every reference from one Parley package to another must
 * go a permitted direction, the protocol core does no I/O, and service packages form no cycle.
 * A new package must be given its rule here before it can be used.
 */
class ImportDirectionsTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/parley");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.parley\\.((?:[a-z][a-z0-9_]*\\.)*[a-z][a-z0-9_]*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.parley(\\.[\\w.]+)?;", Pattern.MULTILINE);
    private static final List<String> CORE = List.of("core.*");

    /** package pattern → packages it may reference (".*" suffix: the package and its subpackages). */
    private static final Map<String, List<String>> RULES = new HashMap<>();

    static {
        RULES.put("", List.of("*"));
        RULES.put("cli", List.of("*"));
        RULES.put("core.error", List.of());
        RULES.put("core.id", List.of("core.error"));
        RULES.put("core.json", List.of("core.error"));
        RULES.put("core.crypto", List.of("core.json", "core.id", "core.error"));
        RULES.put("core.room", List.of("core.id", "core.error"));
        RULES.put("core.event", List.of("core.id", "core.json", "core.crypto", "core.room", "core.error"));
        RULES.put("core.auth", List.of("core.event", "core.room", "core.id", "core.error"));
        RULES.put("core.state", List.of("core.auth", "core.event", "core.room", "core.id", "core.error"));
        RULES.put("config", CORE);
        RULES.put("api.*", List.of("core.*", "api.*"));
        RULES.put("store", CORE);
        RULES.put("store.jdbc", List.of("store", "core.*"));
        RULES.put("federation", List.of("core.*", "api.*", "store", "config"));
        // Services may use one another (sync reads rooms and account data), but never in a cycle:
        // servicePackagesFormNoCycle below keeps the graph a DAG.
        RULES.put("service.*", List.of("core.*", "api.*", "store", "config", "federation", "service.*"));
        RULES.put("http", List.of("core.*", "api.*", "config"));
        RULES.put("http.*", List.of("http", "service.*", "api.*", "core.*"));
        RULES.put("http.media", List.of("http", "service.*", "api.*", "core.*"));
    }

    /** Packages the pure protocol core must never touch: it does no I/O and no logging. */
    private static final List<String> CORE_FORBIDDEN = List.of("java.sql", "java.nio.file", "java.net", "java.io.File",
            "org.eclipse", "org.slf4j", "javax.sql", "com.zaxxer", "org.flywaydb");

    private static final Map<String, Set<String>> references = new HashMap<>();
    private static final Map<Path, String> packages = new HashMap<>();
    private static final Map<Path, String> texts = new HashMap<>();

    @BeforeAll
    static void scan() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                assertThat(pkg.find()).as("package line in " + file).isTrue();
                String name = pkg.group(1) == null ? "" : pkg.group(1).substring(1);
                packages.put(file, name);
                texts.put(file, text);
                Matcher ref = REFERENCE.matcher(text.replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", ""));
                while (ref.find()) {
                    if (!ref.group(1).equals(name)) {
                        references.computeIfAbsent(name, k -> new TreeSet<>()).add(ref.group(1));
                    }
                }
            }
        }
        assertThat(packages).as("sources found").isNotEmpty();
    }

    @Test
    void everyPackageHasARule() {
        for (String pkg : new TreeSet<>(packages.values())) {
            assertThat(ruleFor(pkg)).as("no rule for package '" + pkg + "'; add it to DESIGN.md and this test").isNotNull();
        }
    }

    @Test
    void referencesGoOnlyPermittedDirections() {
        List<String> violations = new ArrayList<>();
        references.forEach((from, targets) -> {
            List<String> allowed = ruleFor(from);
            for (String to : targets) {
                if (allowed != null && allowed.stream().noneMatch(a -> matches(a, to)) && !isOwnSubpackage(from, to)) {
                    violations.add(from + " -> " + to);
                }
            }
        });
        assertThat(violations).as("imports against DESIGN.md's directions").isEmpty();
    }

    @Test
    void theProtocolCoreDoesNoIo() {
        List<String> violations = new ArrayList<>();
        packages.forEach((file, pkg) -> {
            if (pkg.startsWith("core")) {
                for (String forbidden : CORE_FORBIDDEN) {
                    if (texts.get(file).contains("import " + forbidden)) {
                        violations.add(file + " imports " + forbidden);
                    }
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void servicePackagesFormNoCycle() {
        Map<String, Set<String>> graph = new HashMap<>();
        references.forEach((from, targets) -> {
            if (from.startsWith("service.")) {
                targets.stream().filter(t -> t.startsWith("service.")).forEach(t ->
                        graph.computeIfAbsent(from, k -> new HashSet<>()).add(t));
            }
        });
        for (String start : graph.keySet()) {
            assertThat(reaches(graph, start, start, new HashSet<>())).as("cycle through " + start).isFalse();
        }
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(graph, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ruleFor(String pkg) {
        if (RULES.containsKey(pkg)) {
            return RULES.get(pkg);
        }
        String best = null;
        for (String pattern : RULES.keySet()) {
            if (pattern.endsWith(".*") && matches(pattern, pkg) && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return best == null ? null : RULES.get(best);
    }

    private static boolean matches(String pattern, String pkg) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            String base = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        }
        return pattern.equals(pkg);
    }

    private static boolean isOwnSubpackage(String from, String to) {
        return !from.isEmpty() && to.startsWith(from + ".") && from.startsWith("service");
    }
}
