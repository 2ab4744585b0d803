// GitHub's error body for the fake: {message, documentation_url} (+ errors[] on 422, + status as newer responses do).
export const DOCS = 'https://docs.github.com/rest';

export const ghError = (message: string, docs = DOCS, extra: Record<string, unknown> = {}) => ({
  message,
  documentation_url: docs,
  ...extra,
});

export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';
