// How a rule is called wherever Lanyard names it — sync reasons, the "why" explainer, the Access rules page, the
// CLI: by its name when it has one ("rule 'Engineering → GitHub'"), else by its place in the list ("rule 2").
// One function, so the words an admin reads in a plan are the words on the page that edits the rule.

/** "rule 'Engineering → GitHub'" or "rule 2" (`number` is 1-based). */
export const ruleLabel = (number: number, name?: string | null): string =>
  name ? `rule '${name}'` : `rule ${number}`;
