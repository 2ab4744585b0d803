#!/usr/bin/env node
// The container's HEALTHCHECK for `lanyard server` (the slim Node image has no curl): GET /healthz over loopback on
// the port of LANYARD_LISTEN (default 127.0.0.1:8080). Exit 0 when it answers 200 within 4 s, otherwise 1.
const listen = process.env.LANYARD_LISTEN || '127.0.0.1:8080';
const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen);
const port = m ? Number(m[3]) : 8080;
// The probe always goes over loopback: [::1] when only IPv6 loopback is bound, 127.0.0.1 otherwise.
const host = m && m[1] === '::1' ? '[::1]' : '127.0.0.1';
try {
  const res = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
