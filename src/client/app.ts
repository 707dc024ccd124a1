/**
 * Progressive enhancement: every form works without this script. With it, fields explain what is
 * wrong as soon as a person leaves them, using the same rules the browser already knows from the
 * HTML (required, type, length, pattern), answers save themselves while a person types, and the error
 * summary takes focus after a failed submit.
 */
import { enableAutosave } from './autosave';
import { enhanceValidation } from './validation';

function start(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-enhance~="validate"]')) {
    enhanceValidation(form);
  }
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-autosave]')) enableAutosave(form);
  document.querySelector<HTMLElement>('.error-summary')?.focus();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
