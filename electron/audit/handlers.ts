// API handlers of the audit ledger (issue #5): audit.* methods of shared/api/methods-audit.ts.
import {
  AUDIT_EXPORT_TEXT_MAX,
  type AuditEvent,
  type AuditExportText,
  type AuditFilter,
  type auditMethods,
} from '../../shared/api/methods-audit';
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { AuditLedger } from './ledger';
import { exportChunks, type AuditExportFormat, type PersonLookup } from './export-format';
import { createPeopleNames } from './people-names';

/** At most `limit` events as export text (for the UI's download button); the CLI streams larger exports. */
export const exportText = async (
  ledger: Pick<AuditLedger, 'iterate'>,
  filter: AuditFilter,
  format: AuditExportFormat,
  limit: number = AUDIT_EXPORT_TEXT_MAX,
  names?: PersonLookup,
): Promise<AuditExportText> => {
  let count = 0;
  let truncated = false;
  const events = ledger.iterate(filter) as Iterable<AuditEvent> | AsyncIterable<AuditEvent>;
  const limited = async function* (): AsyncGenerator<AuditEvent> {
    for await (const e of events) {
      if (count === limit) {
        truncated = true;
        return;
      }
      count++;
      yield e;
    }
  };
  let text = '';
  for await (const chunk of exportChunks(limited(), format, names)) text += chunk;
  return { format, text, count, truncated };
};

export const createAuditHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof auditMethods> => {
  const names = createPeopleNames(ctx.store);
  return {
    'audit.list': async ({ limit, cursor, ...filter }) => {
      const page = await ctx.audit.list(filter, { limit, cursor });
      return {
        ...page,
        people: await names.byIds(page.events.flatMap((e) => (e.person === null ? [] : [e.person]))),
        personMatches: filter.person === undefined ? null : await names.matching(filter.person),
      };
    },
    'audit.actor': async (_input, call) => ({ actor: call.actor }),
    'audit.verify': async ({ anchor }) => ctx.audit.verify(anchor),
    'audit.anchor': async () => ctx.audit.anchor(),
    'audit.protect': async (_input, call) => ({ restored: await ctx.audit.protect(call.actor) }),
    'audit.export': async ({ format, limit, ...filter }) =>
      exportText(ctx.audit, filter, format, limit, await names.lookup()),
  };
};
