// The IPC channel names shared by the preload and the main-process transport: one invoke channel per contract
// method (so a handler exists only for methods the contract names) and one push channel for core events.
import type { MethodName } from '../../shared/api/contract';

export const CALL_CHANNEL_PREFIX = 'lanyard:call:';
export const EVENT_CHANNEL = 'lanyard:event';

export const callChannel = (method: MethodName): `lanyard:call:${MethodName}` =>
  `${CALL_CHANNEL_PREFIX}${method}`;

/** The app's own origin: the renderer is served from here and IPC answers only frames loaded from here. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lanyard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
