// The headers every response of the headless server carries, and the stricter ones for API answers.
// The CSP allows only same-origin code and data: images, so a leaked page cannot be framed or load foreign code.
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

export { CONTENT_SECURITY_POLICY };

export const applySecurityHeaders = (res: ServerResponse): void => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
};

/** API answers and auth pages are never cached: they carry workspace data or a session. */
export const applyNoStore = (res: ServerResponse): void => {
  res.setHeader('Cache-Control', 'no-store');
};
