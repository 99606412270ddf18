/**
 * The switcher of the two-forms demo: sets `theme` and `locale` on both forms after they are
 * mounted, which is what "attributes are reactive" means to a page author.
 */
type Look = 'light' | 'dark' | 'ar';

const LOOKS: Record<Look, { theme: string; locale: string | null; darkPanels: boolean }> = {
  light: { theme: 'light', locale: null, darkPanels: false },
  dark: { theme: 'dark', locale: null, darkPanels: true },
  ar: { theme: 'light', locale: 'ar', darkPanels: false },
};

function isLook(value: string | undefined): value is Look {
  return value === 'light' || value === 'dark' || value === 'ar';
}

function applyLook(look: Look): void {
  const { theme, locale, darkPanels } = LOOKS[look];
  for (const form of document.querySelectorAll('leadkit-form')) {
    form.setAttribute('theme', theme);
    if (locale) form.setAttribute('locale', locale);
    else form.removeAttribute('locale');
  }
  for (const panel of document.querySelectorAll('.panel')) panel.classList.toggle('dark', darkPanels);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-look]')) {
    button.setAttribute('aria-pressed', String(button.dataset.look === look));
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-look]')) {
  button.addEventListener('click', () => {
    if (isLook(button.dataset.look)) applyLook(button.dataset.look);
  });
}
