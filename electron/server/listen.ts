// Where `lanyard serve` and `lanyard server` listen, and the one rule they share: an address other machines can
// reach needs --allow-remote (until sign-in exists, anyone who reaches it and learns the token administers Lanyard).
import net from 'node:net';
import { isLoopbackHost } from './request-guard';

export interface ListenAddress {
  host: string;
  /** 0 lets the system choose a free port. */
  port: number;
}

/** A port number 0–65535 (0 lets the system choose), or null; no value means 0. */
export const parsePort = (value: string | undefined): number | null => {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n <= 65_535 ? n : null;
};

const LISTEN_HELP =
  'Write HOST:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080 (IPv6 in brackets); port 0 lets the system choose.';

/** `HOST:PORT` (`[IPv6]:PORT`) as a host and a port, or the reason it is not one (a sentence with the fix). */
export const parseListen = (text: string): ListenAddress | { error: string } => {
  const bad = (why: string): { error: string } => ({ error: `--listen "${text}" ${why}. ${LISTEN_HELP}` });
  const m = /^(?:\[([^\]]*)\]|([^[\]:]*)):([^:]*)$/.exec(text);
  if (!m) {
    if (net.isIPv6(text) || (text.split(':').length > 2 && !text.startsWith('[')))
      return bad('looks like an IPv6 address without brackets or without a port');
    return bad(text.includes(':') ? 'is not HOST:PORT' : 'has no port');
  }
  const [, v6, name, portText] = m;
  const port = parsePort(portText);
  if (port === null || portText === '') return bad('has no valid port (a whole number from 0 to 65535)');
  if (v6 !== undefined) {
    if (!net.isIPv6(v6)) return bad(`has "${v6}" in brackets, which is not an IPv6 address`);
    return { host: v6, port };
  }
  if (!name) return bad('has no host');
  if (!net.isIPv4(name) && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(name))
    return bad(`has "${name}", which is neither an IP address nor a host name`);
  return { host: name, port };
};

/** How an address is written back for messages: `[::1]:8080`, `127.0.0.1:0`. */
export const formatListen = (a: ListenAddress): string =>
  `${net.isIPv6(a.host) ? `[${a.host}]` : a.host}:${a.port}`;

/**
 * Why listening on `host` is refused (a sentence naming the fix), or null when it is allowed: loopback always,
 * anything else only with --allow-remote.
 */
export const remoteRefusal = (host: string, allowRemote: boolean): string | null =>
  isLoopbackHost(host) || allowRemote
    ? null
    : `refusing to listen on ${host}: it is reachable from other machines. Pass --allow-remote to do it anyway.`;

/** The warning both commands give when --allow-remote opened a non-loopback address. */
export const remoteWarning = (host: string): string | null =>
  isLoopbackHost(host)
    ? null
    : `Lanyard is listening on ${host}, not only on this machine. Anyone who can reach it and learns the token can administer your workspace.`;
