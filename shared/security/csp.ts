// The one Content Security Policy of the renderer, served by both front doors (app:// in Electron, the headless
// server). No 'unsafe-inline'/'unsafe-eval': the renderer is built to static files. renderer/index.html repeats it
// in a meta tag (without frame-ancestors, which a meta tag cannot carry); a test keeps the two in step.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
