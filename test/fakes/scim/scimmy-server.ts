// An independent SCIM 2.0 server for tests: scimmy (strict RFC 7643/7644 shapes) behind scimmy-routers on
// express@4, on 127.0.0.1 port 0. Resource handlers over in-memory maps; uniqueness (409) and filtering are done
// here, as scimmy leaves them to the handlers (docs/testing.md). Handler results are cast: scimmy types them as
// its schema classes, but plain objects are what it expects at run time. scimmy is a process-wide singleton: start at most
// one per test file (vitest runs files in separate processes).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Stored = Record<string, unknown> & { id: string; meta: { created: Date; lastModified: Date } };

export interface ScimmyServer {
  url: string;
  users: Map<string, Stored>;
  groups: Map<string, Stored>;
  /** Method and path of every request, for counting. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const conflict = (detail: string): Error => new SCIMMY.Types.Error(409, 'uniqueness', detail);
const notFound = (id: string): Error =>
  new SCIMMY.Types.Error(404, null as unknown as string, `Resource ${id} not found`);

const stripUndefined = (o: object): Record<string, unknown> =>
  JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

export const startScimmyServer = async (token: string): Promise<ScimmyServer> => {
  const users = new Map<string, Stored>();
  const groups = new Map<string, Stored>();
  const requests: { method: string; path: string }[] = [];

  SCIMMY.Config.set({
    patch: true,
    filter: true,
    sort: false,
    etag: false,
    bulk: false,
    changePassword: false,
  });
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);

  const withGroups = (u: Stored): Stored => ({
    ...u,
    groups: [...groups.values()]
      .filter((g) => ((g.members as { value: string }[] | undefined) ?? []).some((m) => m.value === u.id))
      .map((g) => ({ value: g.id, display: g.displayName })),
  });

  const save = (
    map: Map<string, Stored>,
    id: string | undefined,
    instance: object,
    unique: (r: Stored) => boolean,
    what: string,
  ): Stored => {
    const data = stripUndefined(instance);
    delete data.groups;
    if ([...map.values()].some((r) => r.id !== id && unique(r))) throw conflict(`${what} already exists`);
    if (id && !map.has(id)) throw notFound(id);
    const now = new Date();
    const stored: Stored = {
      ...data,
      id: id ?? randomUUID(),
      meta: { created: id ? map.get(id)!.meta.created : now, lastModified: now },
    };
    map.set(stored.id, stored);
    return stored;
  };

  SCIMMY.Resources.declare(
    SCIMMY.Resources.User.ingress((resource, instance) => {
      const name = String((instance as { userName?: unknown }).userName).toLowerCase();
      return withGroups(
        save(
          users,
          resource.id,
          instance,
          (r) => String(r.userName).toLowerCase() === name,
          `userName ${name}`,
        ),
      ) as never;
    })
      .egress((resource) => {
        if (resource.id) {
          const u = users.get(resource.id);
          if (!u) throw notFound(resource.id);
          return withGroups(u) as never;
        }
        const all = [...users.values()].map(withGroups);
        return (resource.filter ? resource.filter.match(all) : all) as never;
      })
      .degress((resource) => {
        if (!resource.id || !users.delete(resource.id)) throw notFound(String(resource.id));
        for (const g of groups.values())
          g.members = ((g.members as { value: string }[] | undefined) ?? []).filter(
            (m) => m.value !== resource.id,
          );
      }),
  );
  SCIMMY.Resources.declare(
    SCIMMY.Resources.Group.ingress((resource, instance) => {
      const name = String((instance as { displayName?: unknown }).displayName);
      return save(groups, resource.id, instance, (r) => r.displayName === name, `group ${name}`) as never;
    })
      .egress((resource) => {
        if (resource.id) {
          const g = groups.get(resource.id);
          if (!g) throw notFound(resource.id);
          return g as never;
        }
        const all = [...groups.values()];
        return (resource.filter ? resource.filter.match(all) : all) as never;
      })
      .degress((resource) => {
        if (!resource.id || !groups.delete(resource.id)) throw notFound(String(resource.id));
      }),
  );

  const app = express();
  app.use((req, _res, next) => {
    requests.push({ method: req.method, path: req.path });
    next();
  });
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://example.com/scim-auth',
      handler: (req) => {
        if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Authorization failed');
        return 'lanyard-test';
      },
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    users,
    groups,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
