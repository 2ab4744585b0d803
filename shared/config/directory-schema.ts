// The workspace file's `directory:` section: one identity provider (Okta, Entra ID, Google Workspace, Auth0) with
// its sign-in. Part of the workspace schema (workspace.ts), which re-exports it.
import { z } from 'zod';
import { name, plain, ref, tuning, url } from './schema-parts';

const oktaDirectory = z
  .object({
    kind: z.literal('okta'),
    name,
    baseUrl: url,
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('token'), token: ref }).strict(),
      z
        .object({
          type: z.literal('oauth'),
          clientId: plain,
          keyId: plain.optional(),
          privateKey: ref,
          scopes: z.array(plain).optional(),
        })
        .strict(),
    ]),
    ...tuning,
  })
  .strict();

const entraDirectory = z
  .object({
    kind: z.literal('entra'),
    name,
    tenantId: plain,
    loginUrl: url.optional(),
    baseUrl: url.optional(),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('client-secret'), clientId: plain, clientSecret: ref }).strict(),
      z
        .object({
          type: z.literal('certificate'),
          clientId: plain,
          privateKey: ref,
          certificateThumbprint: plain,
        })
        .strict(),
    ]),
    ...tuning,
  })
  .strict();

const googleDirectory = z
  .object({
    kind: z.literal('google'),
    name,
    customer: plain.optional(),
    adminEmail: z.string().email(),
    tokenUrl: url.optional(),
    baseUrl: url.optional(),
    auth: z.object({ type: z.literal('service-account'), key: ref }).strict(),
    ...tuning,
  })
  .strict();

const auth0Directory = z
  .object({
    kind: z.literal('auth0'),
    name,
    baseUrl: url,
    audience: url.optional(),
    auth: z.object({ type: z.literal('client-credentials'), clientId: plain, clientSecret: ref }).strict(),
    ...tuning,
  })
  .strict();

export const directoryConfigSchema = z.discriminatedUnion('kind', [
  oktaDirectory,
  entraDirectory,
  googleDirectory,
  auth0Directory,
]);
export type DirectoryConfig = z.infer<typeof directoryConfigSchema>;
export type DirectoryKind = DirectoryConfig['kind'];
