// The left navigation: a plain list of links, so Tab/Enter work and NavLink marks the current page (aria-current).
import { NavLink } from 'react-router';
import { Icon } from '../components/icon';
import { pages } from './page-table';

export const Nav = () => (
  <nav className="nav" aria-label="Main">
    <ul>
      {pages.map((page) => (
        <li key={page.path}>
          <NavLink to={page.path} end={page.path === '/'} className="nav-link">
            <Icon name={page.icon} />
            <span>{page.label}</span>
          </NavLink>
        </li>
      ))}
    </ul>
  </nav>
);
