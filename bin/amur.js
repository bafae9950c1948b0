#!/usr/bin/env node
// Entry point of the `amur` command. Runs the TypeScript sources directly (Node >= 22.18 strips
// types), or the compiled build when started from dist/.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `amur: Node.js ${process.versions.node} is too old; Amur needs Node.js 22.18 or newer (Node 24 LTS recommended).\n`,
  );
  process.exit(1);
}
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
