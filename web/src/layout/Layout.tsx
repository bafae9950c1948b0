import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { MODULES, modulePath } from "../modules";
import { UnreadCount } from "../pages/knowledge/UnreadCount";
import { useMe } from "../session";
import { ModuleIcon } from "./icons";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { keepsFocus, taskLinks } from "./navigation";
import { UserMenu } from "./UserMenu";

const BRAND = "Amur · 阿穆尔 · Амур";

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const navId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);
  const me = useMe();

  // After client-side navigation, move focus to the new content as a full page load would, so screen
  // reader and keyboard users start at the top of the page they asked for; close the phone menu too.
  // A selection inside a page that shows in the address (see navigation.ts) keeps the focus where it is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of the address.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (keepsFocus(location.state)) return;
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("a11y.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__bar container">
          <NavLink to="/" className="brand" aria-label={`${BRAND} — ${t("nav.home")}`}>
            <svg className="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
              <path
                d="M3 21c5-6 9 2 14-4s9-2 12-6"
                fill="none"
                stroke="currentColor"
                strokeWidth="3"
                strokeLinecap="round"
              />
            </svg>
            <span className="brand__text">
              Amur<span className="brand__sep"> · </span>
              <span lang="zh-CN">阿穆尔</span>
              <span className="brand__sep"> · </span>
              <span lang="ru-RU">Амур</span>
            </span>
          </NavLink>
          <div className="site-header__tools">
            <LanguageSwitcher />
            <UserMenu />
          </div>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                d={menuOpen ? "M6 6l12 12M18 6 6 18" : "M4 7h16M4 12h16M4 17h16"}
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
            <span>{t("a11y.menu")}</span>
          </button>
        </div>
        <nav
          id={navId}
          className={menuOpen ? "site-nav site-nav--open" : "site-nav"}
          aria-label={t("a11y.mainNav")}
        >
          <ul className="site-nav__list container">
            <li>
              <NavLink to="/" end className="site-nav__link">
                {t("nav.home")}
              </NavLink>
            </li>
            {MODULES.map((id) => (
              <li key={id}>
                <NavLink to={modulePath(id)} className="site-nav__link">
                  <span className="site-nav__icon">
                    <ModuleIcon module={id} />
                  </span>
                  {t(`nav.${id}`)}
                </NavLink>
              </li>
            ))}
            {taskLinks(me.data).map((link) => (
              <li key={link.to} className="site-nav__task">
                <NavLink to={link.to} className="site-nav__link">
                  {t(link.label)}
                  {link.unreadAlerts ? <UnreadCount /> : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main container">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p className="site-footer__sample">{t("footer.sample")}</p>
          <p className="site-footer__links">
            <a href="/api/docs">{t("footer.apiDocs")}</a>
            <span aria-hidden="true"> · </span>
            <span>{t("footer.license")}</span>
          </p>
        </div>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
