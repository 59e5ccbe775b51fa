import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons';
import { type Language, languages, setLanguage } from '../i18n';
import { useTheme } from '../lib/theme';

const controlClass =
  'inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <label className={controlClass}>
      <Icon name="globe" />
      <span className="sr-only">{t('language')}</span>
      <select
        value={i18n.language}
        onChange={(event) => setLanguage(event.target.value as Language)}
        className="cursor-pointer bg-transparent outline-none"
        data-testid="language-switch"
      >
        {languages.map((language) => (
          <option key={language.code} value={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ThemeToggle() {
  const { t } = useTranslation('common');
  const [theme, toggle] = useTheme();
  return (
    <button
      type="button"
      onClick={toggle}
      className={controlClass}
      aria-label={theme === 'dark' ? t('lightMode') : t('darkMode')}
      title={theme === 'dark' ? t('lightMode') : t('darkMode')}
      data-testid="theme-toggle"
    >
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
    </button>
  );
}
