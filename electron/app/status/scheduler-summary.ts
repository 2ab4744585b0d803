// The scheduler's state in words, for status.summary (status-summary.ts): a schedule that should run in this process
// but does not is "Stopped" (red), never a green "Scheduled"; paused, running elsewhere and waiting for a directory
// are told apart from it. Pure.
import type { SchedulerState, SchedulerSummary } from '../../../shared/api/methods-status';
import type { StatusInput } from './status-summary';

const WORDS: Record<SchedulerState, Omit<SchedulerSummary, 'state' | 'next'>> = {
  running: { tone: 'neutral', label: 'Syncing now', detail: 'A sync is running now.' },
  'no-directory': {
    tone: 'neutral',
    label: 'Waiting for a directory',
    detail: 'Nothing runs until a directory is connected (Settings → Directory).',
  },
  paused: { tone: 'degraded', label: 'Paused', detail: 'The schedule is paused: syncs run only when asked.' },
  elsewhere: {
    tone: 'neutral',
    label: 'Runs in another process',
    detail: 'Another Lanyard process (the desktop app or a server) runs the schedule for this data folder.',
  },
  stopped: {
    tone: 'error',
    label: 'Stopped',
    detail: 'This process holds the schedule but is not running it: nothing syncs until Lanyard restarts.',
  },
  scheduled: { tone: 'ok', label: 'Scheduled', detail: 'Syncs run on schedule.' },
};

const stateOf = (input: StatusInput): SchedulerState => {
  const s = input.scheduler;
  if (s.running) return 'running';
  if (!input.directory) return 'no-directory';
  if (s.paused) return 'paused';
  if (!input.schedulerOwner) return 'elsewhere';
  return s.active ? 'scheduled' : 'stopped';
};

export const schedulerSummary = (input: StatusInput): SchedulerSummary => {
  const state = stateOf(input);
  return { state, ...WORDS[state], next: input.scheduler.next };
};
