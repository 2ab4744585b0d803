// RFC 8288 Link header parsing. Okta sends `self` and `next` as two separate Link headers; GitHub sends one
// comma-separated header. fetch's Headers joins repeated headers with ", ", so one parser serves both.

export const parseLinkHeader = (value: string | null | undefined): Record<string, string> => {
  const links: Record<string, string> = {};
  if (!value) return links;
  const re = /<([^>]*)>((?:\s*;\s*[^;,]+)*)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2] ?? '');
    if (!rel) continue;
    for (const r of rel[1]!.trim().split(/\s+/)) if (!(r in links)) links[r] = m[1]!;
  }
  return links;
};

export const nextLink = (headers: Headers): string | undefined => parseLinkHeader(headers.get('link')).next;
