import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { uploadLimit } from '../../platform/web/upload-limit';
import { renderNotFound } from '../../platform/web/views/error-page';
import {
  cleanFileName,
  detectEvidenceType,
  maximumEvidenceBytes,
} from '../../platform/storage/evidence-types';
import type { Criterion } from '../criteria/rules';
import { authorOf, lockedPage } from './answer-routes';
import { applicationPath, type ApplicationLoader, type LoadedApplication } from './load';
import { renderCriterionPage } from './pages/criterion-page';
import { evidenceLinkSchema } from './schemas';
import { evidencePerAnswerLimit } from './rules';

type Ctx = Context<AppEnv>;
type Target = { loaded: LoadedApplication; criterion: Criterion; answerId: string };

/** Links and files that back an answer: adding and removing them, and downloading a file. */
export function registerEvidenceRoutes(
  routes: RouteRegistry,
  services: AppServices,
  load: ApplicationLoader,
): void {
  const { applications, files } = services;
  const criterionPath = '/:locale/applications/:applicationId/criteria/:criterionId';

  /**
   * The evidence routes share their frame: the answer to the criterion in the URL, only while the
   * application may be edited. `change` returns false when the application was locked meanwhile, or a
   * page of its own (a form error); otherwise the person goes back to the criterion page.
   */
  const changeEvidence =
    (change: (c: Ctx, target: Target) => Promise<boolean | Response>) => async (c: Ctx) => {
      const found = await load.criterion(c);
      if (!found) return renderNotFound(c);
      if (!found.loaded.canEdit) return lockedPage(c);
      const answerId = await applications.answerId(found.loaded.application.id, found.criterion.id);
      if (!answerId) return renderNotFound(c);
      const outcome = await change(c, { ...found, answerId });
      if (outcome instanceof Response) return outcome;
      if (!outcome) return lockedPage(c);
      return c.redirect(`${applicationPath(c, found.loaded)}/criteria/${found.criterion.id}`, 303);
    };

  /** Evidence that is not part of this answer is not found, as anything outside the company is. */
  const removeEvidence = (kind: 'link' | 'file') =>
    changeEvidence(async (c, { loaded, answerId }) => {
      const remove = kind === 'link' ? applications.removeLink : applications.removeFile;
      const evidenceId = c.req.param(kind === 'link' ? 'linkId' : 'fileId') ?? '';
      const stored = kind === 'file' ? (await applications.findFile(evidenceId))?.storage_key : undefined;
      const outcome = await remove(loaded.application.id, answerId, evidenceId, services.now());
      if (outcome === 'removed') await services.releaseFiles([stored]);
      return outcome === 'not-found' ? renderNotFound(c) : outcome === 'removed';
    });

  const addLink = changeEvidence(async (c, { loaded, criterion, answerId }) => {
    const form = parseForm(evidenceLinkSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok)
      return renderCriterionPage(c, services, loaded, criterion, { errors: form.errors, status: 422 });
    const added = await applications.addLink(
      loaded.application.id,
      answerId,
      form.data,
      authorOf(c),
      services.now(),
    );
    if (added !== 'limit') return added;
    const errors = { url: c.get('m').applications.evidenceLimit(evidencePerAnswerLimit) };
    return renderCriterionPage(c, services, loaded, criterion, { errors, status: 422 });
  });

  const addFile = changeEvidence(async (c, { loaded, criterion, answerId }) => {
    const m = c.get('m');
    const upload = (await c.req.parseBody())['file'];
    const problem = (message: string, status: 413 | 422) =>
      renderCriterionPage(c, services, loaded, criterion, { errors: { file: message }, status });
    if (!(upload instanceof File) || upload.size === 0) return problem(m.applications.fileMissing, 422);
    if (upload.size > maximumEvidenceBytes) return problem(m.applications.fileTooLarge, 413);
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const contentType = detectEvidenceType(bytes);
    if (!contentType) return problem(m.applications.fileType, 422);
    const file = {
      storageKey: await files.put(bytes),
      fileName: cleanFileName(upload.name, contentType),
      contentType,
      sizeBytes: bytes.length,
    };
    const added = await applications.addFile(
      loaded.application.id,
      answerId,
      file,
      authorOf(c),
      services.now(),
    );
    if (added !== 'limit') return added;
    await services.releaseFiles([file.storageKey]);
    return problem(m.applications.evidenceLimit(evidencePerAnswerLimit), 422);
  });

  /** Always a download, never rendered by the browser in the site's origin. */
  const download = async (c: Ctx) => {
    const loaded = await load.application(c);
    if (!loaded) return renderNotFound(c);
    const file = await applications.findFile(c.req.param('fileId') ?? '');
    if (!file || file.application_id !== loaded.application.id) return renderNotFound(c);
    const bytes = await files.get(file.storage_key);
    if (!bytes) return renderNotFound(c);
    c.header('Content-Type', file.content_type);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('Cache-Control', 'private, no-store');
    return c.body(Buffer.from(bytes));
  };

  routes.post(`${criterionPath}/links`, 'signed-in', addLink);
  routes.post(`${criterionPath}/links/:linkId/remove`, 'signed-in', removeEvidence('link'));
  // The whole upload is refused before it is buffered when it cannot fit the limit.
  routes.post(
    `${criterionPath}/files`,
    'signed-in',
    uploadLimit(maximumEvidenceBytes, (m) => m.applications.fileTooLarge),
    addFile,
  );
  routes.post(`${criterionPath}/files/:fileId/remove`, 'signed-in', removeEvidence('file'));
  routes.get('/:locale/applications/:applicationId/files/:fileId', 'signed-in', download);
}
