// Reads a response body as text, refusing (and aborting the transfer) past a byte cap.

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
