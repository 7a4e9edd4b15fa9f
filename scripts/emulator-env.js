/**
 * Finds what the Java-based Firebase emulators need on this machine and
 * returns the environment that makes firebase-tools use the Google Cloud
 * SDK's emulators instead of downloading its own copies (there is no
 * internet here, and CI should not depend on it either).
 *
 * firebase-tools reads FIRESTORE_EMULATOR_BINARY_PATH (and
 * PUBSUB_EMULATOR_BINARY_PATH) once, when it loads, and then starts
 * `java -jar <path>` for Firestore and `<path> --port=..` for Pub/Sub. The
 * SDK's Firestore jar has no Main-Class, so `java -jar` cannot start it;
 * we generate a tiny launcher jar, a manifest and nothing else, whose
 * Main-Class is the emulator's entry point and whose Class-Path is the SDK
 * jar. firebase-tools also chmods the path it is given, so both overrides
 * point at files we own under `.emulators/`.
 */
"use strict";

const childProcess = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const { writeManifestOnlyJar } = require("./manifest-jar");

/** Root of the repository; `.emulators/` lives here and is gitignored. */
const REPO_ROOT = path.resolve(__dirname, "..");
const LAUNCHER_DIR = path.join(REPO_ROOT, ".emulators");

/** What to install when something is missing, in Debian package names. */
const INSTALL_HINT =
  "apt-get install google-cloud-cli-firestore-emulator openjdk-17-jre";

const FIRESTORE_JAR = path.join(
  "platform",
  "cloud-firestore-emulator",
  "cloud-firestore-emulator.jar"
);
const FIRESTORE_MAIN_CLASS =
  "com.google.cloud.datastore.emulator.firestore.CloudFirestore";
const PUBSUB_LAUNCHER = path.join(
  "platform",
  "pubsub-emulator",
  "bin",
  "cloud-pubsub-emulator"
);

/** The Firestore emulator jar is built for Java 11 and later. */
const MIN_JAVA_MAJOR = 11;

/**
 * @typedef {object} EmulatorEnvReady
 * @property {true} ok
 * @property {Record<string, string>} env  Variables to add to the
 *   environment of `firebase emulators:*`.
 * @property {{ path: string, major: number }} java  The java on PATH.
 * @property {string} sdkRoot  Google Cloud SDK that holds the emulators.
 * @property {boolean} pubsub  Whether the Pub/Sub emulator can start too.
 * @property {string[]} notes  Things worth a log line (old Java, ...).
 *
 * @typedef {object} EmulatorEnvMissing
 * @property {false} ok
 * @property {string} reason  What is missing and where we looked.
 * @property {string} install  The command that installs it.
 */

/**
 * Locates Java and the SDK's Firestore (and, when present, Pub/Sub)
 * emulator, writes the launchers under `.emulators/` when they are missing
 * or stale, and returns the environment for firebase-tools.
 *
 * @param {NodeJS.ProcessEnv} [baseEnv] Environment to search (PATH,
 *   JAVA_HOME, CLOUDSDK_ROOT_DIR); defaults to this process's.
 * @returns {EmulatorEnvReady | EmulatorEnvMissing}
 */
function resolveEmulatorEnv(baseEnv = process.env) {
  const env = {};
  const notes = [];

  const java = findJava(baseEnv);
  if (!java.ok) {
    return { ok: false, reason: java.reason, install: INSTALL_HINT };
  }
  if (java.addToPath) {
    // firebase-tools spawns plain `java`, so JAVA_HOME alone is not enough.
    env.PATH = `${java.addToPath}${path.delimiter}${baseEnv.PATH || ""}`;
    notes.push(`using Java from JAVA_HOME: ${java.path}`);
  }
  if (java.major < 21) {
    notes.push(
      `Java ${java.major} works, but firebase-tools asks for 21+ and ` +
        "will print a deprecation warning"
    );
  }

  const candidates = sdkRootCandidates(baseEnv);
  const sdkRoot = candidates.find((root) =>
    isFile(path.join(root, FIRESTORE_JAR))
  );
  if (!sdkRoot) {
    return {
      ok: false,
      reason:
        "the Cloud Firestore emulator of the Google Cloud SDK is not " +
        `installed (looked for ${FIRESTORE_JAR} under ` +
        `${candidates.join(", ")})`,
      install: INSTALL_HINT,
    };
  }

  fs.mkdirSync(LAUNCHER_DIR, { recursive: true });
  const firestoreJar = path.join(sdkRoot, FIRESTORE_JAR);
  const launcherJar = path.join(LAUNCHER_DIR, "firestore-launcher.jar");
  writeManifestOnlyJar(launcherJar, {
    mainClass: FIRESTORE_MAIN_CLASS,
    classPath: [pathToFileURL(firestoreJar).href],
  });
  env.FIRESTORE_EMULATOR_BINARY_PATH = launcherJar;

  const pubsubBinary = path.join(sdkRoot, PUBSUB_LAUNCHER);
  const pubsub = isFile(pubsubBinary);
  if (pubsub) {
    const launcher = path.join(LAUNCHER_DIR, "pubsub-launcher.sh");
    writeIfChanged(
      launcher,
      `#!/bin/sh\nexec ${shellQuote(pubsubBinary)} "$@"\n`,
      0o755
    );
    env.PUBSUB_EMULATOR_BINARY_PATH = launcher;
  } else {
    notes.push(
      "Pub/Sub emulator not installed (google-cloud-cli-pubsub-emulator); " +
        "only needed for scheduled functions"
    );
  }

  return {
    ok: true,
    env,
    java: { path: java.path, major: java.major },
    sdkRoot,
    pubsub,
    notes,
  };
}

/**
 * Finds the `java` firebase-tools will run: the one on PATH, or else
 * JAVA_HOME/bin/java (then PATH must be extended). Runs `java -version`.
 *
 * @param {NodeJS.ProcessEnv} baseEnv
 */
function findJava(baseEnv) {
  const onPath = findOnPath("java", baseEnv.PATH || "");
  const fromHome = baseEnv.JAVA_HOME
    ? path.join(baseEnv.JAVA_HOME, "bin", "java")
    : null;
  const javaPath = onPath || (fromHome && isFile(fromHome) ? fromHome : null);
  if (!javaPath) {
    return {
      ok: false,
      reason:
        "Java is not installed: no `java` on PATH" +
        (fromHome ? ` and none at ${fromHome}` : " and JAVA_HOME is unset"),
    };
  }

  const probe = childProcess.spawnSync(javaPath, ["-version"], {
    encoding: "utf8",
    timeout: 20000,
  });
  const output = `${probe.stderr || ""}${probe.stdout || ""}`;
  const major = parseJavaMajor(output);
  if (probe.status !== 0 || major === null) {
    return {
      ok: false,
      reason: `\`${javaPath} -version\` failed: ${
        probe.error ? probe.error.message : output.trim() || "no output"
      }`,
    };
  }
  if (major < MIN_JAVA_MAJOR) {
    return {
      ok: false,
      reason:
        `Java ${major} at ${javaPath} is too old: the Firestore emulator ` +
        `needs Java ${MIN_JAVA_MAJOR} or later`,
    };
  }
  return {
    ok: true,
    path: javaPath,
    major,
    addToPath: onPath ? null : path.dirname(javaPath),
  };
}

/**
 * Major version from `java -version` output: `"17.0.15"` → 17,
 * `"1.8.0_392"` → 8. Null when there is no version string.
 *
 * @param {string} output
 * @returns {number | null}
 */
function parseJavaMajor(output) {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/**
 * Where a Google Cloud SDK may be: CLOUDSDK_ROOT_DIR, next to the `gcloud`
 * on PATH, then the usual package and installer locations.
 *
 * @param {NodeJS.ProcessEnv} baseEnv
 * @returns {string[]}
 */
function sdkRootCandidates(baseEnv) {
  const roots = [];
  if (baseEnv.CLOUDSDK_ROOT_DIR) roots.push(baseEnv.CLOUDSDK_ROOT_DIR);
  const gcloud = findOnPath("gcloud", baseEnv.PATH || "");
  if (gcloud) {
    // <sdk>/bin/gcloud, often reached through a symlink in /usr/bin.
    roots.push(path.dirname(path.dirname(fs.realpathSync(gcloud))));
  }
  roots.push(
    "/usr/lib/google-cloud-sdk",
    "/usr/share/google-cloud-sdk",
    "/opt/google-cloud-sdk",
    "/snap/google-cloud-cli/current",
    "/snap/google-cloud-sdk/current",
    path.join(os.homedir(), "google-cloud-sdk")
  );
  return [...new Set(roots)];
}

/**
 * @param {string} name
 * @param {string} searchPath
 * @returns {string | null}
 */
function findOnPath(name, searchPath) {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return null;
}

/** @param {string} file */
function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Writes the file only when its content differs, so concurrent runs do not
 * rewrite a launcher that another run is executing.
 *
 * @param {string} file
 * @param {string} content
 * @param {number} mode
 */
function writeIfChanged(file, content, mode) {
  let current = null;
  try {
    current = fs.readFileSync(file, "utf8");
  } catch {
    // Missing: write it.
  }
  if (current !== content) {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, content, { mode });
    fs.renameSync(temporary, file);
  }
  fs.chmodSync(file, mode);
}

/** @param {string} text */
function shellQuote(text) {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

module.exports = {
  resolveEmulatorEnv,
  parseJavaMajor,
  INSTALL_HINT,
  REPO_ROOT,
};

if (require.main === module) {
  // `node scripts/emulator-env.js` prints what it found, for troubleshooting.
  const result = resolveEmulatorEnv();
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.ok ? 0 : 1;
}
