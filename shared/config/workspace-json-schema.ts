// The JSON Schema of the workspace file, generated from the zod schema so the two can never disagree.
// Editors use it for completion and validation (`# yaml-language-server: $schema=…`); `lanyard config schema`
// prints it and scripts/gen-schema.ts writes shared/config/workspace.schema.json (a test keeps that file fresh).
import { z } from 'zod';
import { workspaceSchema } from './workspace';

/** The schema of what a person may write (io: 'input'): fields with defaults are optional. */
export const workspaceJsonSchema = (): Record<string, unknown> => {
  const generated = z.toJSONSchema(workspaceSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Lanyard workspace',
    description:
      'The workspace file of Lanyard (config as code): directory, apps, access rules, guardrails, offboarding and schedule. Secrets are references (keychain:NAME, env:VAR or file:/absolute/path), never literal values.',
    ...rest,
  };
};

/** The schema as the text committed in workspace.schema.json. */
export const workspaceJsonSchemaText = (): string => JSON.stringify(workspaceJsonSchema(), null, 2) + '\n';
