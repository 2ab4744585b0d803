// Who "PERSON" means in `lanyard offboard PERSON` and offboarding.preview/start: a directory id, email or login
// (exact, any case), else a display name (exact, then contained). Nobody → not_found; more than one → bad_input
// naming the candidates. Pure over the directory people.
import { LanyardError } from '../app/errors';
import type { DirectoryPerson } from '../directory/types';

const label = (p: DirectoryPerson): string => p.email ?? p.login;

export const findPerson = (people: readonly DirectoryPerson[], query: string): DirectoryPerson => {
  const q = query.trim().toLowerCase();
  const tiers: ((p: DirectoryPerson) => boolean)[] = [
    (p) => p.id === query.trim(),
    (p) => p.email?.toLowerCase() === q || p.login.toLowerCase() === q,
    (p) => (p.displayName ?? `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim()).toLowerCase() === q,
    (p) =>
      (p.displayName ?? `${p.givenName ?? ''} ${p.familyName ?? ''}`).toLowerCase().includes(q) ||
      label(p).toLowerCase().startsWith(q),
  ];
  for (const tier of tiers) {
    const hits = people.filter(tier);
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) {
      const names = hits.slice(0, 5).map((p) => `${p.displayName ?? p.login} <${label(p)}>`);
      throw new LanyardError(
        'bad_input',
        `"${query}" matches ${hits.length} people: ${names.join(', ')}${hits.length > 5 ? ', …' : ''}.`,
        {
          hint: 'Name the person by email or directory id.',
        },
      );
    }
  }
  throw new LanyardError('not_found', `Nobody in the directory matches "${query}".`, {
    hint: 'Check the spelling, or pull the directory first (`lanyard directory pull`).',
  });
};
