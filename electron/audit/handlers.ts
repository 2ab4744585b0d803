// API handlers of the audit ledger (issue #5): audit.* methods of shared/api/methods-audit.ts.
import {
  AUDIT_EXPORT_TEXT_MAX,
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
export const exportText = (
  ledger: AuditLedger,
  filter: AuditFilter,
  format: AuditExportFormat,
  limit: number = AUDIT_EXPORT_TEXT_MAX,
  names?: PersonLookup,
): AuditExportText => {
  let count = 0;
  let truncated = false;
  const limited = function* () {
    for (const e of ledger.iterate(filter)) {
      if (count === limit) {
        truncated = true;
        return;
      }
      count++;
      yield e;
    }
  };
  const text = [...exportChunks(limited(), format, names)].join('');
  return { format, text, count, truncated };
};

export const createAuditHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof auditMethods> => {
  const names = createPeopleNames(ctx.db);
  return {
    'audit.list': async ({ limit, cursor, ...filter }) => {
      const page = ctx.audit.list(filter, { limit, cursor });
      return {
        ...page,
        people: names.byIds(page.events.flatMap((e) => (e.person === null ? [] : [e.person]))),
        personMatches: filter.person === undefined ? null : names.matching(filter.person),
      };
    },
    'audit.actor': async (_input, call) => ({ actor: call.actor }),
    'audit.verify': async ({ anchor }) => ctx.audit.verify(anchor),
    'audit.anchor': async () => ctx.audit.anchor(),
    'audit.protect': async (_input, call) => ({ restored: ctx.audit.protect(call.actor) }),
    'audit.export': async ({ format, limit, ...filter }) =>
      exportText(ctx.audit, filter, format, limit, names.lookup()),
  };
};
