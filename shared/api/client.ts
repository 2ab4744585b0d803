// The typed client shape the renderer (and tests) use, whatever the transport underneath.
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { ApiResult } from './result';
import type { EventMap, EventName } from './events';

export interface LanyardBridge {
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<ApiResult<MethodOutput<K>>>;
  on<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): () => void;
}
