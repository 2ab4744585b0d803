// The left column: brand, navigation and the collapse toggle. Collapsed, it shows the icons only; each link keeps
// its label as its accessible name (and as a tooltip), so nothing is lost for keyboard or screen-reader users.
import { Icon, Logo } from '../components/icon';
import { Nav } from './nav';

interface Props {
  version: string | undefined;
  collapsed: boolean;
  onToggle: () => void;
}

export const Sidebar = ({ version, collapsed, onToggle }: Props) => (
  <div className="sidebar" id="sidebar">
    <header className="brand">
      <Logo />
      <span className="brand-name">Lanyard</span>
      <span className="brand-version">{version ? `v${version}` : '\u00a0'}</span>
    </header>
    <Nav collapsed={collapsed} />
    <button
      type="button"
      className="sidebar-toggle"
      aria-label="Sidebar"
      aria-expanded={!collapsed}
      aria-controls="sidebar"
      title={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
      onClick={onToggle}
    >
      <Icon name={collapsed ? 'sidebar-expand' : 'sidebar-collapse'} />
    </button>
  </div>
);
