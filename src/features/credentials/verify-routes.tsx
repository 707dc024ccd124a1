import { verifyCredential } from './verify';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { verifyPage } from './pages/verify-page';

/** A credential is a few kilobytes; anything far beyond is not one. */
const maximumCredentialBytes = 64 * 1024;

/**
 * The Verify page: anyone pastes or uploads a credential and reads, check by check, what passed, what
 * failed and what was not checked. It uses the same verifier and the same trust decision as
 * `npm run verify`, fed from this instance's own keys and status lists, so a credential from elsewhere
 * is "not issued by this program" and nothing of it is fetched.
 */
export function registerVerifyRoutes(routes: RouteRegistry, services: AppServices): void {
  routes.get('/:locale/verify', 'public', (c) => verifyPage(c));

  routes.post(
    '/:locale/verify',
    'public',
    // Room for a credential pasted and uploaded at once.
    { maxBytes: maximumCredentialBytes * 2 + 16 * 1024, message: (m) => m.verify.tooLarge },
    async (c) => {
      const m = c.get('m');
      const body = await c.req.parseBody();
      const pasted = typeof body['credential'] === 'string' ? body['credential'] : '';
      const file = body['file'] instanceof File && body['file'].size > 0 ? body['file'] : undefined;
      const values = { credential: pasted.slice(0, maximumCredentialBytes) };
      if (file && file.size > maximumCredentialBytes)
        return verifyPage(c, { errors: { credential: m.verify.tooLarge }, values, status: 413 });
      let input = pasted;
      if (file) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        try {
          input = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          return verifyPage(c, { errors: { credential: m.verify.notText }, values, status: 400 });
        }
      }
      if (input.trim() === '')
        return verifyPage(c, { errors: { credential: m.verify.empty }, values, status: 400 });
      if (input.length > maximumCredentialBytes)
        return verifyPage(c, { errors: { credential: m.verify.tooLarge }, values, status: 413 });
      const result = await verifyCredential(input, services.credentials.localSources(), services.now());
      return verifyPage(c, { values: { credential: file ? '' : pasted }, result });
    },
  );
}
