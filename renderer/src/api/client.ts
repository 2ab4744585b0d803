// Chooses the transport: the Electron preload bridge when present, otherwise HTTP to `lanyard serve`.
// Pages never see which one they use.
import type { LanyardBridge } from '../../../shared/api/client';
import { createHttpBridge } from './http-transport';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts through contextBridge; absent in a plain browser. */
    readonly lanyard?: LanyardBridge;
  }
}

export const createClient = (): LanyardBridge => window.lanyard ?? createHttpBridge();
