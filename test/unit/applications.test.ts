import { describe, expect, it } from 'vitest';
import {
  applicationStatuses,
  canAppeal,
  IllegalTransition,
  transition,
} from '../../src/features/applications/rules';
import { answerSchema } from '../../src/features/applications/schemas';
import { messagesFor } from '../../src/platform/i18n';

describe('the application state machine', () => {
  it('moves through submission, review and decision, and refuses moves a state does not allow', () => {
    expect(transition('draft', 'submit')).toBe('submitted');
    expect(transition('submitted', 'start-review')).toBe('in-review');
    expect(transition('in-review', 'request-changes')).toBe('changes-requested');
    expect(transition('changes-requested', 'resubmit')).toBe('in-review');
    expect(transition('in-review', 'not-certify')).toBe('not-certified');
    expect(() => transition('certified', 'withdraw')).toThrow(IllegalTransition);
    expect(() => transition('draft', 'certify')).toThrow('cannot take the action "certify"');
  });

  it('lets a "not certified" decision be appealed once, back into the queue, and nothing else', () => {
    expect(transition('not-certified', 'appeal')).toBe('submitted');
    expect(canAppeal({ status: 'not-certified', appealedAt: null })).toBe(true);
    expect(canAppeal({ status: 'not-certified', appealedAt: '2026-11-01T10:00:00.000Z' })).toBe(false);
    for (const status of applicationStatuses.filter((candidate) => candidate !== 'not-certified')) {
      expect(canAppeal({ status, appealedAt: null }), status).toBe(false);
    }
  });
});

describe('the answer form', () => {
  it('is built once per language and still reads each save in that language', () => {
    const [en, de] = [messagesFor('en'), messagesFor('de')];
    expect(answerSchema(en)).toBe(answerSchema(en));
    expect(answerSchema(de)).not.toBe(answerSchema(en));
    const saved = answerSchema(en).safeParse({ status: 'met', explanation: 'Offline.', revision: '4' });
    expect(saved.data).toEqual({ status: 'met', explanation: 'Offline.', revision: 4 });
    expect(answerSchema(en).safeParse({ status: '', revision: '0' }).data?.status).toBeNull();
    const stale = answerSchema(de).safeParse({ status: 'met', revision: 'x' });
    expect(stale.error?.issues[0]?.message).toBe(de.validation.stale);
  });
});
