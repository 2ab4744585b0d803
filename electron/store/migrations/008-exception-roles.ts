// Access exceptions may carry a role (issue #13): a review that changes the role of access a rule grants records
// the decided role, so the next sync sets that role instead of re-setting the rule's. NULL keeps the meaning of
// every existing row: the review revoked the access.
import type { Migration } from './index';

export const m008ExceptionRoles: Migration = {
  version: 8,
  name: 'exception-roles',
  up(db) {
    db.exec('ALTER TABLE access_exceptions ADD COLUMN role TEXT');
  },
};
