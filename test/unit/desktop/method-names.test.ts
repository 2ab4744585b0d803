import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import { methodNameList } from '../../../shared/api/method-names';

describe('the preload’s plain method list', () => {
  it('names exactly the contract’s methods (update shared/api/method-names.ts when the contract changes)', () => {
    expect([...methodNameList].sort()).toEqual([...methodNames].sort());
    expect(new Set(methodNameList).size).toBe(methodNameList.length);
  });
});
