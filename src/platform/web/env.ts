import type { PlatformRole } from '../auth/access';
import type { Locale, Messages } from '../i18n';

/** The signed-in user as every route sees it. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: PlatformRole;
  locale: Locale;
  twoFactorEnabled: boolean;
}

export interface AppEnv {
  Variables: {
    locale: Locale;
    m: Messages;
    user: SessionUser | null;
    /** The public notice shown on every page while reviews are paused; null when they are not. */
    reviewPause: string | null;
  };
}
