// Counts in words, the one way the UI says them: "1 manual task", "4 manual tasks", "1,200 people". Irregular
// plurals are passed in ("person", "people"); numbers are grouped the way the rest of the UI groups them.

/** "1 orphan account" / "3 orphan accounts" (`many` for irregular words: plural(n, 'person', 'people')). */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The word alone, for sentences that put the number elsewhere: "3 need attention" → pluralWord(3, 'needs', 'need'). */
export const pluralWord = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);
