// Time as a dependency, so schedules and timestamps are testable.
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const iso = (clock: Clock): string => clock.now().toISOString();
