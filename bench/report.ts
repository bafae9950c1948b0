import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const FILE = path.resolve(import.meta.dirname, "../docs/PERFORMANCE.md");

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const load = os.loadavg()[0]?.toFixed(1) ?? "?";
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.versions.node}; 1-minute load average ${load} at the end of the run (other work on the machine slows the figures)`;
}

/**
 * Replaces (or appends) one benchmark's section of docs/PERFORMANCE.md, between markers, so each
 * `npm run bench:<name>` rewrites only its own figures.
 */
export function writePerformanceSection(name: string, markdown: string): void {
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  let text = fs.existsSync(FILE)
    ? fs.readFileSync(FILE, "utf8")
    : "# Performance\n\nFigures written by `npm run bench:<name>`; each section names the machine and the date it was measured on.\n";
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  text =
    i >= 0 && j > i
      ? text.slice(0, i) + block + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, text);
}
