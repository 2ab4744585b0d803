// Suggestions for the audit's person filter, from the People API's directory snapshot (already cached when the
// People page was open): people whose name, email or login contains what was typed, at most a screenful, so the
// datalist stays small however large the directory. Each suggests their email (or login): that names one person,
// while a typed name may match several (the ledger then shows all of them and says so).
import { useMemo } from 'react';
import type { PeopleListPerson } from '../../../../shared/api/methods-people';
import { useRpcQuery } from '../../api/queries';

export interface PersonSuggestion {
  value: string;
  label: string;
}

const MAX = 12;

export const suggestPeople = (people: readonly PeopleListPerson[], typed: string): PersonSuggestion[] => {
  const q = typed.trim().toLowerCase();
  if (q.length < 2) return [];
  const out: PersonSuggestion[] = [];
  for (const p of people) {
    const name = p.displayName ?? '';
    if (![name, p.email ?? '', p.login].some((s) => s.toLowerCase().includes(q))) continue;
    const value = p.email ?? p.login;
    out.push({ value, label: name ? `${name} — ${value}` : value });
    if (out.length === MAX) break;
  }
  return out;
};

export const usePersonSuggestions = (typed: string): PersonSuggestion[] => {
  const list = useRpcQuery('people.list', {});
  const people = list.data?.people;
  return useMemo(() => (people ? suggestPeople(people, typed) : []), [people, typed]);
};
