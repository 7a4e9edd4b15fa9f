/**
 * The GitHub Actions workflow: valid YAML that tests pull requests with
 * the README's test command and deploys pushes to main through Workload
 * Identity Federation, never a key file.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
// eslint's YAML reader, installed with the functions' dev tools; it
// ships no types, so its one function is typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require("js-yaml") as { load: (text: string) => unknown };

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const file = path.join(__dirname, "../../../.github/workflows/ci.yml");
const text = readFileSync(file, "utf8");
const workflow = load(text) as Workflow;

test("runs on pull requests and on pushes to main", () => {
  expect(Object.keys(workflow.on)).toEqual(
    expect.arrayContaining(["pull_request", "push"])
  );
  expect(workflow.on.push).toEqual({ branches: ["main"] });
});

test("tests with the README's command after install, lint and types", () => {
  const runs = workflow.jobs.test.steps.map((step) => step.run ?? "");
  const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
  expect(at(/^npm ci\b/)).toBeGreaterThanOrEqual(0);
  expect(at(/^npm run lint$/)).toBeGreaterThan(at(/^npm ci\b/));
  expect(at(/typecheck/)).toBeGreaterThan(at(/^npm ci\b/));
  expect(at(/^npm test$/)).toBeGreaterThan(at(/typecheck/));
  const readme = readFileSync(path.join(__dirname, "../../../README.md"), "utf8");
  expect(readme).toMatch(/```sh\nnpm test\n```/);
});

test("deploys pushes to main only, after the tests, without key files", () => {
  const deploy = workflow.jobs.deploy;
  expect(deploy.needs).toBe("test");
  expect(deploy.if).toMatch(/push/);
  expect(deploy.if).toMatch(/refs\/heads\/main/);
  expect(deploy.permissions?.["id-token"]).toBe("write");
  const auth = deploy.steps.find((step) =>
    step.uses?.startsWith("google-github-actions/auth@")
  );
  expect(auth?.with?.workload_identity_provider).toBeDefined();
  expect(auth?.with).not.toHaveProperty("credentials_json");
  expect(deploy.steps.some((step) => /firebase deploy/.test(step.run ?? "")))
    .toBe(true);
  expect(text).not.toMatch(/credentials_json|private_key/);
});
