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
import { exportChunks, type AuditExportFormat } from './export-format';

/** At most `limit` events as export text (for the UI's download button); the CLI streams larger exports. */
export const exportText = (
  ledger: AuditLedger,
  filter: AuditFilter,
  format: AuditExportFormat,
  limit: number = AUDIT_EXPORT_TEXT_MAX,
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
  const text = [...exportChunks(limited(), format)].join('');
  return { format, text, count, truncated };
};

export const createAuditHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof auditMethods> => ({
  'audit.list': async ({ limit, cursor, ...filter }) => ctx.audit.list(filter, { limit, cursor }),
  'audit.verify': async ({ anchor }) => ctx.audit.verify(anchor),
  'audit.anchor': async () => ctx.audit.anchor(),
  'audit.protect': async (_input, call) => ({ restored: ctx.audit.protect(call.actor) }),
  'audit.export': async ({ format, limit, ...filter }) => exportText(ctx.audit, filter, format, limit),
});
