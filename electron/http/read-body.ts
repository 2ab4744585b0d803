// Encodes request bodies and reads response bodies: text up to a byte cap (the transfer is aborted past it),
// then JSON when the content type says so.
import type { HttpRequest } from './http-types';

export const readCapped = async (
  res: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<string> => {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw Object.assign(new Error(`declared ${declared} bytes`), { code: 'TOO_LARGE' });
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      controller.abort();
      throw Object.assign(new Error(`more than ${maxBytes} bytes`), { code: 'TOO_LARGE' });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** The parsed body: whether it claims JSON or looks like an HTML page, and the value or the parse error. */
export const parseBody = (
  text: string,
  contentType: string | null,
): { json: boolean; html: boolean; value?: unknown; error?: string } => {
  const ct = (contentType ?? '').toLowerCase();
  const html = ct.includes('text/html') || /^\s*<(!doctype|html)/i.test(text);
  const json = /[/+]json\b/.test(ct);
  if (!json || text.length === 0) return { json, html };
  try {
    return { json, html, value: JSON.parse(text) };
  } catch (err) {
    return { json, html, error: (err as Error).message };
  }
};

/** Headers and body for a request: JSON or form encoding, with the matching content type. */
export const encodeRequest = (
  req: Pick<HttpRequest, 'json' | 'form' | 'headers' | 'contentType'>,
  clientHeaders: Record<string, string>,
): { headers: Record<string, string>; body: string | undefined } => {
  const headers: Record<string, string> = {
    accept: req.contentType ?? 'application/json',
    ...clientHeaders,
    ...req.headers,
  };
  if (req.json !== undefined) {
    headers['content-type'] = req.contentType ?? 'application/json';
    return { headers, body: JSON.stringify(req.json) };
  }
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { headers, body: new URLSearchParams(req.form).toString() };
  }
  return { headers, body: undefined };
};
