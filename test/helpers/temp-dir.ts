// Temporary folders for tests: real files under os.tmpdir(), removed when the test (or suite) is done.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A new empty folder under os.tmpdir(). The caller removes it (see removeDir / tempDirForTest). */
export const makeTempDir = (label = 'test'): string =>
  fs.mkdtempSync(path.join(os.tmpdir(), `lanyard-${label}-`));

export const removeDir = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

/** A fresh folder for the running test, removed when the test finishes, whether it passed or failed. */
export const tempDirForTest = (label = 'test'): string => {
  const dir = makeTempDir(label);
  onTestFinished(() => removeDir(dir));
  return dir;
};

/** Every file in `dir` (recursively), as paths relative to it. */
export const listFiles = (dir: string): string[] =>
  (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();

/** Whether any file in `dir` contains `needle` (as UTF-8 or UTF-16LE bytes), with the files that do. */
export const filesContaining = (dir: string, needle: string): string[] => {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return listFiles(dir).filter((rel) => {
    const bytes = fs.readFileSync(path.join(dir, rel));
    return forms.some((f) => bytes.includes(f));
  });
};
