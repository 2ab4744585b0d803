// Query keys for contract methods: ['rpc', method] is the prefix events invalidate; the input makes a key exact.
import type { MethodInput, MethodName } from '../../../shared/api/contract';

export const rpcKey = <K extends MethodName>(method: K, input?: MethodInput<K>) =>
  input === undefined ? (['rpc', method] as const) : (['rpc', method, input] as const);
