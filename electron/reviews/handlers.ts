// The reviews.* API handlers (issue #13). Placeholder until the service lands: every method answers that access
// reviews are not available yet, so the contract is served by both transports from the start.
import type { Handlers } from '../app/handlers';
import { LanyardError } from '../app/errors';
import { reviewsMethods } from '../../shared/api/methods-reviews';

export type ReviewHandlers = Pick<Handlers, keyof typeof reviewsMethods>;

export const createReviewHandlers = (): ReviewHandlers => {
  const unavailable = (): Promise<never> =>
    Promise.reject(new LanyardError('conflict', 'Access reviews are not available in this build yet.'));
  return Object.fromEntries(
    Object.keys(reviewsMethods).map((k) => [k, unavailable]),
  ) as unknown as ReviewHandlers;
};
