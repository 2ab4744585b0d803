// Small stroke icons for the navigation; decorative only (the link text is the accessible name).
const paths = {
  overview: 'M4 13h6V4H4zM14 20h6v-9h-6zM4 20h6v-3H4zM14 7h6V4h-6z',
  people:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18.5 14a5.5 5.5 0 0 1 3 5',
  apps: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z',
  rules: 'M4 6h16M4 12h10M4 18h6M17 15l2 2 3-4',
  sync: 'M20 7h-9a6 6 0 0 0-6 6M4 17h9a6 6 0 0 0 6-6M17 4l3 3-3 3M7 20l-3-3 3-3',
  offboarding: 'M14 4h5a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-5M10 16l-4-4 4-4M6 12h10',
  audit: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  reviews: 'M9 4h6v3H9zM9 5.5H5V21h14V5.5h-4M8 13l2 2 4-4M8 18h8',
  tasks: 'M4 5h4v4H4zM4 15h4v4H4zM11 7h9M11 17h9M5 11.5l1.5 1.5 2.5-3',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-2.9 1.2V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-2.9-1.2l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1A1.7 1.7 0 0 0 3.1 14H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.2-2.9l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 2.9-1.2V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 2.9 1.2l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0 1.2 2.9h.1a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  'sidebar-collapse': 'M20 4v16M14 8l-4 4 4 4M10 12h6',
  'sidebar-expand': 'M4 4v16M10 8l4 4-4 4M14 12H8',
} as const;

export type IconName = keyof typeof paths;

export const Icon = ({ name }: { name: IconName }) => (
  <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    <path
      d={paths[name]}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);

export const Logo = () => (
  <svg className="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="7" className="logo-bg" />
    <path
      d="M10 5v10a6 6 0 0 0 12 0V5"
      fill="none"
      className="logo-fg-stroke"
      strokeWidth="2.5"
      strokeLinecap="round"
    />
    <rect x="11" y="18" width="10" height="10" rx="2" className="logo-fg" />
  </svg>
);
