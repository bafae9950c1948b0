// Shared by the npm scripts: stop early, with one clear line, on a Node.js that is too old.
export function assertNodeVersion() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 18)) {
    process.stderr.write(
      `Amur needs Node.js 22.18 or newer (Node 24 LTS recommended); this is ${process.versions.node}.\n` +
        "Install Node 24 (for example from your distribution or nodejs.org) and run the command again.\n",
    );
    process.exit(1);
  }
}
