import { NavLink, Route, Routes } from 'react-router';
import { useMe } from '../auth/me';
import { session } from '../auth/session';
import { useText } from '../i18n/language';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { NotFoundPage } from '../ui/NotFoundPage';
import { consoleRoutes } from './routes';

/** The frame of every page once signed in: who is signed in, the menu of their role, the page. */
export function Shell() {
  const text = useText();
  const me = useMe();
  const routes = consoleRoutes.filter((route) => route.available(me));
  const menu = routes.filter((route) => route.nav);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {text.common.skipToContent}
      </a>
      <header className="top-bar">
        <span className="brand">{text.common.appName}</span>
        <span className="who">
          {me.displayName} · {text.common.roles[me.role]}
        </span>
        <LanguageSwitch />
        <button type="button" className="link-button" onClick={() => void session.signOut()}>
          {text.common.signOut}
        </button>
      </header>
      <nav className="main-nav" aria-label={text.common.mainNav}>
        <ul>
          {menu.map((route) => (
            <li key={route.path}>
              {/* Exact only where another entry lives below it ('/flags' and '/flags/new'); else the entry stays lit on its subpages. */}
              <NavLink to={route.path} end={route.path === '/' || menu.some((other) => other.path.startsWith(`${route.path}/`))}>
                {route.nav && text.nav[route.nav]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="page" tabIndex={-1}>
        <Routes>
          {routes.map((route) => (
            <Route key={route.path} path={route.path} element={route.element} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </div>
  );
}
