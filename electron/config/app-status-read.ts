// Read-only views for the Apps page: each app's health, account counts, rules and probed capabilities, and one
// app's orphan / status-drift report from the accounts Lanyard last read. Plain SQL over the store; no I/O to apps.
import type {
  AccountReport,
  AccountReportRow,
  AppHealth,
  AppStatusView,
  PersonStatus,
  StoredCapabilitiesView,
} from '../../shared/api/methods-workspace';
import { sql } from 'kysely';
import type { Store } from '../store/store';

interface StatusRow {
  id: string;
  health: AppHealth;
  health_detail: string | null;
  capabilities: string | null;
  accounts: number;
  linked: number;
  /** Orphans an admin ignored or marked as service accounts (electron/orphans/): known, not counted. */
  known: number;
  last_read: string | null;
  rules: number;
}

interface AccountRow {
  remote_id: string;
  user_name: string;
  email: string | null;
  external_id: string | null;
  active: number;
  role: string | null;
  groups: string;
  attributes: string;
  seen_at: string;
  person_id: string | null;
  display_name: string | null;
  person_email: string | null;
  status: PersonStatus | null;
  settled: 'ignored' | 'service' | null;
}

const parseCapabilities = (text: string | null): StoredCapabilitiesView | null => {
  if (!text) return null;
  try {
    return JSON.parse(text) as StoredCapabilitiesView;
  } catch {
    return null;
  }
};

/**
 * Status drift the store can see without evaluating rules: an account still active for someone the directory has
 * suspended or removed. Role and group drift need the rules, which the sync plan evaluates.
 */
const driftOf = (active: boolean, status: PersonStatus | null): string | null => {
  if (!active || status === null || status === 'active' || status === 'staged') return null;
  return `still active, but the person is ${status} in the directory`;
};

export const createAppStatusReader = (store: Store) => {
  // Plain SQL both engines run alike (correlated counts; BIGINT counts arrive as numbers on PostgreSQL too).
  const statusRows = async (): Promise<StatusRow[]> =>
    (
      await sql<StatusRow>`SELECT a.id, a.health, a.health_detail, a.capabilities,
       (SELECT count(*) FROM accounts c WHERE c.app_id = a.id) AS accounts,
       (SELECT count(*) FROM accounts c WHERE c.app_id = a.id AND c.person_id IS NOT NULL) AS linked,
       (SELECT count(*) FROM accounts c JOIN orphan_decisions d ON d.app_id = c.app_id AND d.remote_id = c.remote_id
         WHERE c.app_id = a.id AND c.person_id IS NULL AND d.kind IN ('ignored', 'service')) AS known,
       (SELECT max(seen_at) FROM accounts c WHERE c.app_id = a.id) AS last_read,
       (SELECT count(*) FROM rules r WHERE r.app_id = a.id) AS rules
     FROM apps a ORDER BY a.position, a.id`.execute(store.q())
    ).rows;
  /** Text ordered by bytes on both engines, as SQLite's BINARY. */
  const collate = store.engine === 'postgres' ? sql` COLLATE "C"` : sql``;
  const accountRows = async (appId: string): Promise<AccountRow[]> =>
    (
      await sql<AccountRow>`SELECT c.remote_id, c.user_name, c.email, c.external_id, c.active, c.role, c.groups, c.attributes, c.seen_at,
       p.id AS person_id, p.display_name, p.email AS person_email, p.status,
       (SELECT d.kind FROM orphan_decisions d WHERE d.app_id = c.app_id AND d.remote_id = c.remote_id
          AND d.kind IN ('ignored', 'service') AND c.person_id IS NULL) AS settled
     FROM accounts c LEFT JOIN people p ON p.id = c.person_id
     WHERE c.app_id = ${appId}
     ORDER BY c.person_id IS NOT NULL, lower(c.user_name)${collate}, c.remote_id${collate}`.execute(store.q())
    ).rows;

  return {
    async statuses(ids: string[]): Promise<AppStatusView[]> {
      const byId = new Map((await statusRows()).map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        if (!r) return [];
        return [
          {
            id,
            health: r.health,
            healthDetail: r.health_detail,
            // Manual apps and apps never read have no rows; "never read" is what the page needs to say.
            accounts: r.last_read === null ? null : r.accounts,
            linked: r.linked,
            orphans: r.accounts - r.linked - r.known,
            lastReadAt: r.last_read,
            rules: r.rules,
            capabilities: parseCapabilities(r.capabilities),
          },
        ];
      });
    },

    async accountReport(appId: string): Promise<AccountReport> {
      const accounts = (await accountRows(appId)).map((r): AccountReportRow => {
        const attrs = JSON.parse(r.attributes) as { emails?: string[]; displayName?: string | null };
        const active = r.active === 1;
        return {
          remoteId: r.remote_id,
          userName: r.user_name,
          emails: attrs.emails ?? (r.email ? [r.email] : []),
          externalId: r.external_id,
          active,
          role: r.role,
          groups: JSON.parse(r.groups) as string[],
          displayName: attrs.displayName ?? null,
          seenAt: r.seen_at,
          person:
            r.person_id && r.status
              ? { id: r.person_id, displayName: r.display_name, email: r.person_email, status: r.status }
              : null,
          drift: driftOf(active, r.status),
          ...(r.settled ? { settled: r.settled } : {}),
        };
      });
      const linked = accounts.filter((a) => a.person).length;
      const readAt = accounts.reduce<string | null>(
        (m, a) => (m === null || a.seenAt > m ? a.seenAt : m),
        null,
      );
      return {
        appId,
        readAt,
        count: accounts.length,
        linked,
        orphans: accounts.filter((a) => !a.person && !a.settled).length,
        drifted: accounts.filter((a) => a.drift).length,
        accounts,
      };
    },
  };
};
