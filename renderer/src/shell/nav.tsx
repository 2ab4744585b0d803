// The left navigation: a plain list of links, so Tab/Enter work and NavLink marks the current page (aria-current).
// Collapsed, the labels are hidden visually but stay the links' accessible names; a tooltip shows them on hover.
import { NavLink } from 'react-router';
import { Icon } from '../components/icon';
import { pages } from './page-table';

export const Nav = ({ collapsed = false }: { collapsed?: boolean }) => (
  <nav className="nav" aria-label="Main">
    <ul>
      {pages.map((page) => (
        <li key={page.path}>
          <NavLink
            to={page.path}
            end={page.path === '/'}
            className="nav-link"
            title={collapsed ? page.label : undefined}
          >
            <Icon name={page.icon} />
            <span className="nav-label">{page.label}</span>
          </NavLink>
        </li>
      ))}
    </ul>
  </nav>
);
