// Writes shared/config/workspace.schema.json from the zod schema (`npm run schema`).
// test/unit/config/json-schema.test.ts fails when the committed file and a fresh generation differ.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { workspaceJsonSchemaText } from '../shared/config/workspace-json-schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'shared/config/workspace.schema.json');
// Formatted as `prettier --check` expects, so lint stays green; the test compares content, not layout.
const options = (await prettier.resolveConfig(file)) ?? {};
const text = await prettier.format(workspaceJsonSchemaText(), { ...options, filepath: file });
fs.writeFileSync(file, text);
console.log(`wrote ${path.relative(root, file)}`);
