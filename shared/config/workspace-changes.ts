// What replacing the workspace would change (config.apply with dryRun: true, and the same facts after a real
// apply): per section the items added, changed and removed, by name, so an admin sees that pasting `apps: []`
// drops 3 apps and the 4 rules that point at them before anything is stored.

/** One item of a section: an app ("Slack (slack)"), a rule ("rule 2: Slack ← Engineering"), an exception … */
export interface ChangedItem {
  /** Stable key: app id, review id, "app/person" for exceptions, rule number for rules. */
  key: string;
  /** How an admin knows it. */
  name: string;
  /** For a change: what differs ("deprovision, protected"). */
  detail?: string;
}

export interface SectionChanges {
  added: ChangedItem[];
  changed: ChangedItem[];
  removed: ChangedItem[];
}

export interface WorkspaceChanges {
  /** The directory connection: "Okta (okta)" before and after; null when none. */
  directory: {
    before: string | null;
    after: string | null;
    change: 'added' | 'changed' | 'removed' | 'same';
  };
  apps: SectionChanges;
  rules: SectionChanges;
  exceptions: SectionChanges;
  reviews: SectionChanges;
  /** Settings sections that change (including those the file leaves out, which go back to their defaults). */
  settings: string[];
  /** Items the apply would remove in total (directory included): removals need an explicit confirmation. */
  removals: number;
  /** Nothing at all would change. */
  same: boolean;
}
