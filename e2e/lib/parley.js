// Starts the packaged Parley server (target/parley.jar) as a child process for one test file:
// a configuration from `generate-config` in a fresh temporary directory, edited for tests, then
// `serve` until stop() sends SIGTERM. Nothing is built here: the jar must exist already.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";

if (Number(process.versions.node.split(".")[0]) < 22) {
    throw new Error(`matrix-js-sdk needs Node 22 or newer, this is ${process.version}: `
        + "run the suite with `npm test` in e2e/, which uses the Node 22 that `npm ci` installed");
}

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_JAR = resolve(here, "../../target/parley.jar");
const DEFAULT_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export const SERVER_NAME = "localhost";

function javaBinary() {
    const candidates = [process.env.PARLEY_JAVA_HOME, process.env.JAVA_HOME, DEFAULT_JDK].filter(Boolean);
    for (const home of candidates) {
        const java = join(home, "bin", "java");
        if (existsSync(java)) return java;
    }
    throw new Error(`no JDK found (tried ${candidates.join(", ")}); set JAVA_HOME to a JDK 25`);
}

function jarPath() {
    const jar = process.env.PARLEY_JAR ? resolve(process.env.PARLEY_JAR) : DEFAULT_JAR;
    if (!existsSync(jar)) {
        throw new Error(`${jar} does not exist: build it first (./mvnw -B -DskipTests package)`);
    }
    return jar;
}

function freePort() {
    return new Promise((resolvePort, reject) => {
        const probe = createServer();
        probe.unref();
        probe.on("error", reject);
        probe.listen(0, "127.0.0.1", () => {
            const { port } = probe.address();
            probe.close(() => resolvePort(port));
        });
    });
}

/** Sets an existing key of the generated configuration; a missing key means the format changed. */
function setExisting(doc, path, value) {
    if (!doc.hasIn(path)) throw new Error(`generated configuration has no ${path.join(".")}`);
    doc.setIn(path, value);
}

function writeTestConfig(java, jar, dataDir, port, opsPort, settings) {
    execFileSync(java, ["--enable-native-access=ALL-UNNAMED", "-jar", jar, "generate-config",
        "--server-name", SERVER_NAME, "--data-dir", dataDir,
        "--port", String(port), "--ops-port", String(opsPort), "--enable-registration"],
    { stdio: ["ignore", "ignore", "pipe"] });
    const file = join(dataDir, "parley.yaml");
    const doc = parseDocument(readFileSync(file, "utf8"));
    setExisting(doc, ["rate_limits", "enabled"], false);
    setExisting(doc, ["passwords", "bcrypt_rounds"], 4);
    for (const [key, value] of Object.entries(settings)) setExisting(doc, key.split("."), value);
    writeFileSync(file, doc.toString());
    return file;
}

function tail(file, lines = 60) {
    try {
        return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
        return "(no log)";
    }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a server and resolves once GET /_matrix/client/versions answers 200.
 * @param {Record<string, unknown>} settings further configuration keys to change, dotted
 *     (`{"sessions.refreshable_access_token_lifetime_ms": 1500}`); each must exist in the generated file
 * @returns {{baseUrl: string, opsUrl: string, logFile: string, stop: () => Promise<{code: number|null, signal: string|null}>}}
 */
export async function startParley(settings = {}) {
    const java = javaBinary();
    const jar = jarPath();
    const dataDir = mkdtempSync(join(tmpdir(), "parley-e2e-"));
    const port = await freePort();
    let opsPort = await freePort();
    while (opsPort === port) opsPort = await freePort();
    const config = writeTestConfig(java, jar, dataDir, port, opsPort, settings);
    const logFile = join(dataDir, "server.log");
    const log = openSync(logFile, "a");
    const child = spawn(java, ["--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError",
        "-jar", jar, "serve", "--config", config], { stdio: ["ignore", log, log] });
    closeSync(log);
    // A test process that dies without stop() must not leave a server behind.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    const exited = new Promise((r) => child.once("exit", (code, signal) => r({ code, signal })));
    let exit = null;
    exited.then((e) => {
        exit = e;
        process.removeListener("exit", killOnExit);
    });

    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
        if (exit) throw new Error(`Parley exited during start-up (${JSON.stringify(exit)}):\n${tail(logFile)}`);
        try {
            const res = await fetch(`${baseUrl}/_matrix/client/versions`);
            if (res.status === 200) break;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) {
            child.kill("SIGKILL");
            throw new Error(`Parley did not answer /versions within ${START_TIMEOUT_MS} ms:\n${tail(logFile)}`);
        }
        await sleep(100);
    }

    return {
        baseUrl,
        opsUrl: `http://127.0.0.1:${opsPort}`,
        logFile,
        /** SIGTERM, then wait for the exit; kills it and throws if it does not stop in time. */
        async stop() {
            if (!exit) child.kill("SIGTERM");
            let timer;
            const timeout = new Promise((r) => { timer = setTimeout(() => r("timeout"), STOP_TIMEOUT_MS); });
            const result = await Promise.race([exited, timeout]);
            clearTimeout(timer);
            if (result === "timeout") {
                child.kill("SIGKILL");
                throw new Error(`Parley did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${tail(logFile)}`);
            }
            if (process.env.PARLEY_E2E_KEEP === "1") console.error(`server data and log kept in ${dataDir}`);
            else rmSync(dataDir, { recursive: true, force: true });
            return result;
        },
    };
}
