// The committed JSON Schema is generated from the zod schema and must never drift from it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceJsonSchema, workspaceJsonSchemaText } from '../../../shared/config/workspace-json-schema';
import { ROOT } from '../cli/run-cli';

const committed = path.join(ROOT, 'shared/config/workspace.schema.json');

describe('workspace JSON Schema', () => {
  it('matches a fresh generation from the zod schema (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(fs.readFileSync(committed, 'utf8'))).toEqual(workspaceJsonSchema());
  });

  it('describes what a person writes: defaulted fields are optional, secrets are references', () => {
    const schema = JSON.parse(workspaceJsonSchemaText()) as {
      additionalProperties: boolean;
      properties: Record<string, unknown>;
      required?: string[];
    };
    expect(Object.keys(schema.properties)).toEqual([
      'directory',
      'apps',
      'rules',
      'guardrails',
      'offboarding',
      'schedule',
      'reviews',
      'exceptions',
    ]);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
    expect(workspaceJsonSchemaText()).toContain('^(keychain:');
  });
});
