/**
 * The operator's commands against the Firestore emulator, run as a user
 * runs them (`node scripts/cli.js ...`): import, refresh (the nightly
 * work), train and rollback.
 *
 * They use a project id of their own, which the emulator keeps apart
 * from the functions emulator's project, so no trigger retrains behind
 * their back: what trains here is what the commands train.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;
if (!emulatorHost) {
  console.warn(
    "SKIPPED CLI emulator tests: FIRESTORE_EMULATOR_HOST is unset; run " +
      "`npm test` at the repo root, which starts the emulators"
  );
}
const describeOnEmulator = emulatorHost ? describe : describe.skip;

const CLI = path.resolve(__dirname, "..", "..", "..", "scripts", "cli.js");
const run = promisify(execFile);

describeOnEmulator("the CLI on the Firestore emulator", () => {
  let modelDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    modelDir = await mkdtemp(path.join(tmpdir(), "cfo-cli-models-"));
    const projectId = `demo-cli-test-${Date.now()}`;
    env = {
      ...process.env,
      // Both: the Admin SDK prefers FIREBASE_CONFIG, which
      // emulators:exec sets to the functions emulator's project.
      GCLOUD_PROJECT: projectId,
      FIREBASE_CONFIG: JSON.stringify({ projectId }),
      LOCAL_MODEL_DIR: modelDir,
    };
  });
  afterAll(async () => {
    await rm(modelDir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [CLI, ...args], { env });
    return stdout;
  }

  async function refresh(): Promise<{ outcome: string; version?: string }> {
    const out = await cli("refresh", "sex", "--keep", "2", "--json");
    const report = JSON.parse(out) as {
      categories: { outcome: string; version?: string }[];
    };
    return report.categories[0];
  }

  it("imports, refreshes, trains and rolls back", async () => {
    await cli("import", "--synthetic", "--category", "sex", "--from", "1990");

    const first = await refresh();
    expect(first.outcome).toBe("trained");
    expect((await refresh()).outcome).toBe("unchanged");

    await cli("train", "sex");
    const rolledBack = await cli("rollback", "sex", String(first.version));
    expect(rolledBack).toMatch(`sex now serves ${first.version}`);
    // Pinned: the nightly work leaves the rollback alone.
    expect((await refresh()).outcome).toBe("pinned");

    await expect(
      cli("rollback", "sex", "20200101T000000000Z-abcdef")
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/No kept version/),
    });
  });
});
