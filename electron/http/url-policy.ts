// Where Lanyard may send credentials: https anywhere, plain http only to this machine (tests, local stand-ins).

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_NAMES.has(hostname.toLowerCase()) ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
  hostname.endsWith('.localhost');

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
