#!/usr/bin/env node
// The `lanyard` command: checks the Node version, then runs the built CLI (out/main/cli.js, from electron/cli.ts).
// Kept to syntax old Node versions can parse, so they reach the version message instead of a SyntaxError.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`lanyard: Lanyard needs Node.js 20.19 or newer; this is Node.js ${process.versions.node}.`);
  process.exit(1);
}

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Lanyard is not built yet: run `npm run build` (or `npm run serve`)');
  process.exit(1);
}

// `lanyard config export | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const { main } = await import(pathToFileURL(cli).href);
// exitCode, not exit(): output is flushed first, and a command that keeps running (serve) is not cut short.
process.exitCode = await main(process.argv.slice(2));
