// Counts as the UI says them (issue #16 item 11): one plural rule for every count, so an admin never reads
// "4 manual task" or "1 orphan accounts", and the run history's and plan's counts by kind read as English.
import { describe, expect, it } from 'vitest';
import { plural, pluralWord } from '../../../renderer/src/components/plural';
import { kindCounts } from '../../../renderer/src/pages/sync/sync-format';

describe('counts in words', () => {
  it('says one and many, with grouped thousands and irregular plurals', () => {
    expect([plural(1, 'manual task'), plural(4, 'manual task')]).toEqual(['1 manual task', '4 manual tasks']);
    expect([plural(1, 'orphan account'), plural(0, 'orphan account')]).toEqual([
      '1 orphan account',
      '0 orphan accounts',
    ]);
    expect([plural(1, 'person', 'people'), plural(3000, 'person', 'people')]).toEqual([
      '1 person',
      '3,000 people',
    ]);
    expect([pluralWord(1, 'needs', 'need'), pluralWord(2, 'needs', 'need')]).toEqual(['needs', 'need']);
  });

  it('counts ops by kind in the fixed order, each in the singular or plural it needs', () => {
    expect(kindCounts({ 'manual-task': 4, create: 1, deactivate: 2 })).toBe(
      '1 new account, 2 deactivations, 4 manual tasks',
    );
    expect(kindCounts({ 'manual-task': 1, 'set-role': 3 })).toBe('3 role changes, 1 manual task');
    expect(kindCounts({})).toBe('');
  });
});
