// The Electron IPC transport: one `ipcMain.handle` per contract method, each answering only the app's own
// frames, then validating and running the call through the same dispatch() the HTTP transport uses.
// Core events go the other way as `lanyard:event` pushes carrying the EventEnvelope.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { methodNames, type MethodName, type MethodOutput } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import type { EventEnvelope } from '../../shared/api/events';
import { dispatch } from '../app/dispatch';
import type { Lanyard } from '../app/create-lanyard';
import type { Logger } from '../log/logger';
import { APP_ORIGIN, EVENT_CHANNEL, callChannel } from './channels';
import { isAppUrl } from './security';

/** Only a frame showing the app's own pages (app://lanyard/…) may call the core; never file://, http:, or others. */
export const isTrustedSender = (url: string | undefined | null): boolean =>
  typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`) && isAppUrl(url);

const forbidden: ApiResult<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'Lanyard answers only its own window.',
    hint: 'This request came from a page that is not part of Lanyard and was refused.',
  },
};

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Registers a handler for every contract method; returns a function that removes them all. */
export const registerIpcTransport = (
  ipc: IpcMainLike,
  core: Pick<Lanyard, 'handlers'> & Partial<Pick<Lanyard, 'uiActor'>>,
  log?: Logger,
): (() => void) => {
  const channels = methodNames.map((method) => {
    const channel = callChannel(method);
    ipc.handle(
      channel,
      async (event: IpcMainInvokeEvent, input: unknown): Promise<ApiResult<MethodOutput<MethodName>>> => {
        const url = event.senderFrame?.url;
        if (!isTrustedSender(url)) {
          log?.warn('refused an IPC call from an untrusted frame', {
            method,
            url: url?.slice(0, 200) ?? null,
          });
          return forbidden;
        }
        // The admin's name (Settings, else the OS user's full name), so the ledger says who did it.
        return dispatch(core.handlers, method, input, { actor: (await core.uiActor?.()) ?? 'ui' }, log);
      },
    );
    return channel;
  });
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
};

export interface EventSource {
  subscribe(listener: (envelope: EventEnvelope) => void): () => void;
}

/** Forwards every core event to whichever windows are open now; returns the unsubscribe. */
export const forwardCoreEvents = (
  events: EventSource,
  targets: () => ReadonlyArray<Pick<WebContents, 'send' | 'isDestroyed'>>,
): (() => void) =>
  events.subscribe((envelope) => {
    for (const contents of targets()) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, envelope);
  });
