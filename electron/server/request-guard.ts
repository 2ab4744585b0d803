// DNS-rebinding and cross-origin defence: the Host header must name this server on a loopback name (or, with
// --allow-remote, the bound address), and an Origin header, when present, must be this server's own origin.
import net from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for addresses that only this machine can reach: 127.0.0.0/8, ::1 and "localhost". */
export const isLoopbackHost = (host: string): boolean => {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  return net.isIPv4(h) && h.startsWith('127.');
};

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '[::]';

/** How a bound host appears in a URL's authority (IPv6 in brackets). */
export const hostForUrl = (host: string): string => {
  if (isWildcard(host)) return '127.0.0.1';
  return net.isIPv6(host) ? `[${host}]` : host;
};

export interface HostPolicy {
  port: number;
  /** The address the server is bound to. */
  boundHost: string;
  allowRemote: boolean;
}

/**
 * Whether an authority ("host:port") names this server. Loopback names always do. With allowRemote, the bound
 * address does too, and for a wildcard bind any IP literal does: DNS rebinding needs a DNS name, so IP literals
 * stay safe to accept, while names such as evil.example never are.
 */
export const isAllowedAuthority = (authority: string, policy: HostPolicy): boolean => {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(authority.trim());
  if (!m) return false;
  const name = m[1]!.toLowerCase();
  // An authority without a port means the scheme's default (80 for the http this server speaks).
  if (Number(m[2] ?? 80) !== policy.port) return false;
  if (LOOPBACK_NAMES.has(name)) return true;
  if (!policy.allowRemote) return false;
  if (name === hostForUrl(policy.boundHost).toLowerCase()) return true;
  return isWildcard(policy.boundHost) && net.isIP(name.replace(/^\[|\]$/g, '')) !== 0;
};

/** Returns why the request is refused, or null when Host and Origin are acceptable. */
export const checkHostAndOrigin = (headers: IncomingHttpHeaders, policy: HostPolicy): string | null => {
  const host = headers.host;
  if (!host || !isAllowedAuthority(host, policy)) return 'The Host header does not name this Lanyard server.';
  const origin = headers.origin;
  if (origin === undefined) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'The Origin header is not a valid origin.';
  }
  const authority = `${url.hostname}:${url.port || 80}`;
  if (
    url.protocol !== 'http:' ||
    url.pathname !== '/' ||
    url.search ||
    !isAllowedAuthority(authority, policy)
  ) {
    return 'Requests from other origins are not allowed.';
  }
  return null;
};
