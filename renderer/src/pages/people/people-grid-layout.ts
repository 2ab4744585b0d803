// The People grid's column widths, pure so the page (how many app columns fit) and the tests share them.
// Every row is its own CSS grid with the same template and the same width, so columns line up without a <table>.
// Below the sum of the minimum widths the grid scrolls sideways inside its frame instead of squeezing; the page
// shows only as many app columns as fit by default (appColumnsThatFit), so that happens only by the admin's choice.
const FIXED_COLUMNS: [min: number, track: string][] = [
  [180, 'minmax(180px, 2fr)'],
  [132, '132px'],
  [120, 'minmax(120px, 1.2fr)'],
  [120, 'minmax(120px, 1.2fr)'],
];
const APP_COLUMN: [number, string] = [88, 'minmax(88px, 1fr)'];
const COLUMN_GAP = 12;
const ROW_PADDING = 32;
const FRAME_BORDER = 2;

export const layoutFor = (apps: number): { columns: string; minWidth: string } => {
  const cols = [...FIXED_COLUMNS, ...Array.from({ length: apps }, () => APP_COLUMN)];
  const min = cols.reduce((sum, [w]) => sum + w, 0) + COLUMN_GAP * (cols.length - 1) + ROW_PADDING;
  return { columns: cols.map(([, t]) => t).join(' '), minWidth: `${min}px` };
};

/** How many app columns fit beside the person columns in a grid this wide (at least one). */
export const appColumnsThatFit = (width: number): number => {
  const fixed =
    FIXED_COLUMNS.reduce((sum, [w]) => sum + w, 0) +
    COLUMN_GAP * (FIXED_COLUMNS.length - 1) +
    ROW_PADDING +
    FRAME_BORDER;
  return Math.max(1, Math.floor((width - fixed) / (APP_COLUMN[0] + COLUMN_GAP)));
};
