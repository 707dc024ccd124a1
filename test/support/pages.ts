/** The public site's fixed pages, below the locale prefix; each test adds the pages it needs besides. */
export const publicPagePaths = [
  '',
  '/dimensions',
  '/partners',
  '/news',
  '/contact',
  '/privacy',
  '/sign-in',
  '/sign-up',
  '/verify',
] as const;
