// The handler map type: one async function per contract method, with the parsed input and the caller.
import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';

export interface CallContext {
  /** Who asked, for the audit ledger: "ui", "cli", "scheduler", … */
  actor: string;
}

export type Handlers = {
  [K in MethodName]: (input: ParsedInput<K>, ctx: CallContext) => Promise<MethodOutput<K>>;
};
