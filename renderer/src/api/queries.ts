// Typed react-query hooks over the contract: method names, inputs and outputs all come from shared/api/contract.ts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { unwrap, type ApiCallError } from './api-error';
import { useClient } from './client-context';
import { rpcKey } from './rpc-key';

export const useRpcQuery = <K extends MethodName>(method: K, input: MethodInput<K>) => {
  const client = useClient();
  return useQuery<MethodOutput<K>, ApiCallError>({
    queryKey: rpcKey(method, input),
    queryFn: async () => unwrap(await client.call(method, input)),
  });
};

/** A mutation whose success refreshes the queries it names (events do the same for other windows). */
export const useRpcMutation = <K extends MethodName>(method: K, invalidates: MethodName[]) => {
  const client = useClient();
  const queries = useQueryClient();
  return useMutation<MethodOutput<K>, ApiCallError, MethodInput<K>>({
    mutationFn: async (input) => unwrap(await client.call(method, input)),
    onSuccess: () => Promise.all(invalidates.map((m) => queries.invalidateQueries({ queryKey: rpcKey(m) }))),
  });
};

export const useAppInfo = () => useRpcQuery('app.info', {});
export const useSettings = () => useRpcQuery('settings.get', {});
export const useSecrets = () => useRpcQuery('secrets.list', {});
