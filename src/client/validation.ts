type Control = HTMLInputElement | HTMLTextAreaElement;

const messages = {
  en: {
    valueMissing: 'Please fill in this field.',
    typeMismatch: 'Please enter an email address like name@example.com.',
    tooShort: 'Please use at least {min} characters.',
    tooLong: 'Please use at most {max} characters.',
    patternMismatch: 'Please use the format described above.',
  },
  de: {
    valueMissing: 'Bitte füllen Sie dieses Feld aus.',
    typeMismatch: 'Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
    tooShort: 'Bitte mindestens {min} Zeichen verwenden.',
    tooLong: 'Bitte höchstens {max} Zeichen verwenden.',
    patternMismatch: 'Bitte verwenden Sie das oben beschriebene Format.',
  },
} satisfies Record<string, Record<string, string>>;

function problemOf(control: Control): string | null {
  const validity = control.validity;
  const text = document.documentElement.lang === 'de' ? messages.de : messages.en;
  const fill = (template: string) =>
    template.replace('{min}', String(control.minLength)).replace('{max}', String(control.maxLength));
  if (validity.valueMissing) return fill(text.valueMissing);
  if (validity.typeMismatch) return fill(text.typeMismatch);
  if (
    validity.tooShort ||
    (control.minLength > 0 && control.value.length > 0 && control.value.length < control.minLength)
  ) {
    return fill(text.tooShort);
  }
  if (validity.tooLong) return fill(text.tooLong);
  if (validity.patternMismatch) return fill(text.patternMismatch);
  return null;
}

function show(control: Control, problem: string | null): void {
  const field = control.closest('.field');
  if (!field) return;
  const id = `${control.id}-live-error`;
  let message = document.getElementById(id);
  if (problem) {
    if (!message) {
      message = document.createElement('p');
      message.id = id;
      message.className = 'error-text';
      message.setAttribute('aria-live', 'polite');
      control.before(message);
      const describedBy = control.getAttribute('aria-describedby');
      control.setAttribute('aria-describedby', describedBy ? `${describedBy} ${id}` : id);
    }
    message.textContent = problem;
    control.setAttribute('aria-invalid', 'true');
    field.classList.add('field-error');
  } else if (message) {
    message.textContent = '';
    control.removeAttribute('aria-invalid');
    field.classList.remove('field-error');
  }
}

export function enhanceValidation(form: HTMLFormElement): void {
  const controls = Array.from(form.querySelectorAll<Control>('input:not([type=hidden]), textarea')).filter(
    (control) => control.id && !control.closest('.honeypot'),
  );
  for (const control of controls) {
    control.addEventListener('blur', () => {
      if (control.value !== '' || control.dataset['touched']) show(control, problemOf(control));
      control.dataset['touched'] = 'true';
    });
    control.addEventListener('input', () => {
      if (control.getAttribute('aria-invalid') === 'true') show(control, problemOf(control));
    });
  }
  form.addEventListener('submit', (event) => {
    const invalid = controls.filter((control) => problemOf(control) !== null);
    for (const control of controls) show(control, problemOf(control));
    if (invalid.length > 0) {
      event.preventDefault();
      invalid[0]?.focus();
    }
  });
}
