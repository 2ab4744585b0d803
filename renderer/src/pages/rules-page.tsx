// Access rules: the page lives in ./rules/ (table, rule dialog, impact preview); this path stays for the page table.
export { RulesPage } from './rules/rules-page';
