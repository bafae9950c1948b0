// `npm start`: build what is out of date (server and web), then serve. A new database is created,
// migrated and filled with demo data by `amur serve` itself.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assertNodeVersion } from "./node-version.mjs";

assertNodeVersion();
const root = path.resolve(import.meta.dirname, "..");

/** The newest modification time of a file, or of the files below a folder. */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function stale(output, inputs) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return inputs.some((p) => newestMtime(path.join(root, p)) > built);
}

function run(script, label) {
  process.stdout.write(`› ${label}…\n`);
  // Under `npm start`, npm tells us where it lives; otherwise use the npm on PATH.
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, "run", "--silent", script], { cwd: root, stdio: "inherit" })
    : spawnSync("npm", ["run", "--silent", script], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write(`Build step "${script}" failed; see the messages above.\n`);
    process.exit(r.status ?? 1);
  }
}

const serverStamp = path.join(root, "dist/server/cli/main.js");
if (stale(serverStamp, ["src", "tsconfig.json", "tsconfig.build.json", "package-lock.json"])) {
  run("build:server", "building the server");
  fs.utimesSync(serverStamp, new Date(), new Date());
}
const webStamp = path.join(root, "dist/web/index.html");
if (stale(webStamp, ["web", "package-lock.json"])) run("build:web", "building the web app");

const child = spawn(process.execPath, [serverStamp, "serve", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
