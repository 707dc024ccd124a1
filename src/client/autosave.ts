/**
 * Saves an answer form in the background while a person types, so nothing is lost if they close the
 * tab. The server answers with the new revision, which goes into the form; on a conflict autosaving
 * stops and says so, and the person's next Save shows both versions side by side.
 */
export function enableAutosave(form: HTMLFormElement, delayMs = 1500): void {
  const status = form.querySelector<HTMLElement>('.autosave-status');
  const revision = form.querySelector<HTMLInputElement>('input[name="revision"]');
  if (!status || !revision) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let saving = false;
  let again = false;
  let stopped = false;

  async function save(): Promise<void> {
    if (stopped) return;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const result = (await response.json()) as { ok: boolean; revision?: number };
      if (result.ok && result.revision !== undefined && revision) {
        revision.value = String(result.revision);
        if (status)
          status.textContent = `${form.dataset['autosaveSaved'] ?? ''} ${new Date().toLocaleTimeString()}`;
      } else if (response.status === 409) {
        stopped = true;
        if (status) status.textContent = form.dataset['autosaveConflict'] ?? '';
      }
    } catch {
      // Offline or a server hiccup: the Save button still sends the whole form.
    } finally {
      saving = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      inFlight = save().finally(() => (inFlight = undefined));
    }, delayMs);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  // A normal submit takes over. If a background save is under way, wait for it, so the form carries the
  // revision that save produced instead of conflicting with the person's own words.
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    const pending = inFlight;
    stopped = true;
    if (!pending) return;
    event.preventDefault();
    void pending.finally(() => form.submit());
  });
}
