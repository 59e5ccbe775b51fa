import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../api/session';
import { Icon } from '../components/icons';
import { Spinner } from '../components/states';
import { pages } from '../routes';
import { Brand } from './brand';
import { LanguageSwitch, ThemeToggle } from './preferences';

const sections = ['overview', 'manage', 'account', 'tools'] as const;

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation('common');
  const { user } = useSession();
  const visible = pages.filter((page) => page.ready && user && page.roles.includes(user.role));
  return (
    <nav aria-label={t('mainNavigation')} className="flex flex-col gap-5 px-3 py-4">
      {sections.map((section) => {
        const entries = visible.filter((page) => page.section === section);
        if (entries.length === 0) return null;
        return (
          <div key={section}>
            <p className="mb-1 px-2 text-[11px] font-semibold tracking-wider text-zinc-400 uppercase dark:text-zinc-500">
              {t(`section.${section}`)}
            </p>
            <ul className="flex flex-col gap-0.5">
              {entries.map((page) => (
                <li key={page.id}>
                  <NavLink
                    to={page.path}
                    end={page.path === '/my'}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      `flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm font-medium transition-colors ${
                        isActive
                          ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50'
                          : 'text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100'
                      }`
                    }
                  >
                    <Icon name={page.icon} className="size-4 opacity-80" />
                    {t(`nav.${page.id}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

function UserMenu() {
  const { t } = useTranslation('common');
  const { user, signOut } = useSession();
  if (!user) return null;
  return (
    <div className="flex items-center gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex size-8 items-center justify-center rounded-full bg-accent-100 text-xs font-semibold text-accent-700 uppercase dark:bg-accent-500/20 dark:text-accent-400">
        {user.username.slice(0, 2)}
      </div>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {user.displayName || user.username}
        </p>
        <p className="text-xs text-zinc-500">{t(`role.${user.role}`)}</p>
      </div>
      <button
        type="button"
        onClick={() => void signOut()}
        className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        aria-label={t('signOut')}
        title={t('signOut')}
      >
        <Icon name="logout" />
      </button>
    </div>
  );
}

/** Sidebar on wide screens, a top bar with a drawer on phones. */
export function AppShell() {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t('skipToContent')}
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col border-r border-zinc-200 bg-zinc-50/60 lg:flex dark:border-zinc-800 dark:bg-zinc-950">
        <div className="flex h-14 items-center px-5">
          <Brand />
        </div>
        <div className="flex-1 overflow-y-auto">
          <Navigation />
        </div>
        <div className="flex items-center gap-1 px-3 pb-1">
          <LanguageSwitch />
          <ThemeToggle />
        </div>
        <UserMenu />
      </aside>

      <header className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-zinc-200 bg-white/90 px-4 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/90">
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          aria-label={t('openNavigation')}
          aria-expanded={open}
        >
          <Icon name="menu" className="size-5" />
        </button>
        <Brand />
        <ThemeToggle />
      </header>

      {open && (
        <div className="fixed inset-0 z-40 lg:hidden">
          <button
            type="button"
            className="absolute inset-0 bg-zinc-950/40"
            onClick={() => setOpen(false)}
            aria-label={t('closeNavigation')}
          />
          <div className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl dark:bg-zinc-950">
            <div className="flex h-14 items-center justify-between px-5">
              <Brand />
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                aria-label={t('closeNavigation')}
              >
                <Icon name="x" />
              </button>
            </div>
            <div className="flex-1 overflow-y-auto">
              <Navigation onNavigate={() => setOpen(false)} />
            </div>
            <div className="px-3 pb-1">
              <LanguageSwitch />
            </div>
            <UserMenu />
          </div>
        </div>
      )}

      <main id="main" className="min-w-0 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        <div className="mx-auto max-w-7xl">
          <Suspense fallback={<Spinner />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
