// `npm test`: every suite this machine can run, and a plain account of those it cannot.
// - unit and medium tests (Vitest) on SQLite, and on PostgreSQL when AMUR_TEST_PG_URL is set;
// - browser tests in Chromium when it is installed (builds the web app first if needed).
// Under CI=true a suite that cannot run is a failure. Ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assertNodeVersion } from "./node-version.mjs";

assertNodeVersion();
const root = path.resolve(import.meta.dirname, "..");
const ci = process.env.CI === "true" || process.env.CI === "1";
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const extraArgs = process.argv.slice(2);

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skipped = [];
if (!process.env.AMUR_TEST_PG_URL) {
  skipped.push(
    "PostgreSQL runs of the database tests: set AMUR_TEST_PG_URL=postgres://user:pass@127.0.0.1:5432/db (a throw-away database; each test block makes its own schema)",
  );
}
const haveChromium = fs.existsSync(chromium) && process.env.AMUR_SKIP_E2E !== "1";
if (!haveChromium) {
  skipped.push(
    `browser tests: install Chromium (Debian: apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei) or set CHROMIUM_PATH (looked for ${chromium})`,
  );
}

let passed = 0;
let failed = 0;
let pending = 0;

function runVitest(label, config, outputName) {
  const output = path.join(results, outputName);
  fs.rmSync(output, { force: true });
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(
    process.execPath,
    [
      vitest,
      "run",
      "-c",
      config,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${output}`,
      ...extraArgs,
    ],
    { cwd: root, stdio: "inherit", env: process.env },
  );
  if (!fs.existsSync(output)) {
    process.stdout.write(
      `${label}: the runner produced no report (exit ${r.status}); counted as one failure.\n`,
    );
    failed += 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(output, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  pending += report.numPendingTests + (report.numTodoTests ?? 0);
  // A file that failed to load or whose hooks failed has no failed test, but it failed.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && f.assertionResults.every((a) => a.status !== "failed"),
  );
  failed += brokenFiles.length;
  if (r.status !== 0 && report.numFailedTests === 0 && brokenFiles.length === 0) failed += 1;
}

runVitest("unit and database tests", "vitest.config.ts", "vitest.json");

if (haveChromium) {
  if (!fs.existsSync(path.join(root, "dist/web/index.html"))) {
    process.stdout.write("\nBuilding the web app for the browser tests…\n");
    const b = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/vite/bin/vite.js"),
        "build",
        "--config",
        "web/vite.config.ts",
        "--logLevel",
        "warn",
      ],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    if (b.status !== 0) failed += 1;
  }
  runVitest("browser tests (Chromium)", "vitest.e2e.config.ts", "e2e.json");
}

if (skipped.length) {
  process.stdout.write(`\nSkipped suites${ci ? " (CI=true: each counts as a failure)" : ""}:\n`);
  for (const s of skipped) process.stdout.write(`  - ${s}\n`);
  if (ci) failed += skipped.length;
}
fs.writeFileSync(
  path.join(results, "summary.json"),
  JSON.stringify({ passed, failed, skipped: pending, skippedSuites: skipped }, null, 2),
);
process.stdout.write(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ""}\n`);
process.exit(failed > 0 ? 1 : 0);
