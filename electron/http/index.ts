// The shared HTTP layer for directory and app connectors.
export {
  HttpClient,
  DEFAULTS as HTTP_DEFAULTS,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type Query,
} from './http-client';
export { HttpError, redactUrl, hintForStatus, type HttpFailureKind } from './errors';
export { parseLinkHeader, nextLink } from './links';
export { TokenBucket, Semaphore, realSleep, type Sleep } from './rate-limit';
export { createTokenCache, type TokenCache, type FetchedToken } from './token-cache';
export { insecureUrlReason, isLoopbackHost } from './url-policy';
export { requestAccessToken, type TokenRequest, type TokenAnswer } from './client-credentials';
