// Where Lanyard may send credentials: https anywhere, plain http only to this machine (tests, local stand-ins).

import { isLoopbackHostname } from '../../shared/config/input-rules';

/** The same loopback rule the workspace schema applies to plain http:// URLs. */
export const isLoopbackHost = isLoopbackHostname;

/** Returns a reason when the URL may not carry credentials, or null when it may. */
export const insecureUrlReason = (url: URL): string | null => {
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? null
      : 'plain http:// is refused except to this machine (127.0.0.1 / localhost); use https://';
  }
  return `unsupported URL scheme "${url.protocol}"; use https://`;
};
