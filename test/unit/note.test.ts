import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  signerKeyFor,
} from '../../src/features/transparency/note';

/** The example of Go's golang.org/x/mod/sumdb/note package documentation and tests. */
const goSignerKey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const goVerifierKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const goText =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const goNote = `${goText}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes, against Go sumdb/note', () => {
  it('derives the published verifier key and signs the example byte for byte', () => {
    const signer = parseSignerKey(goSignerKey);
    expect(signer.verifierKey).toBe(goVerifierKey);
    expect(signNote(goText, signer)).toBe(goNote);
  });

  it('opens the example with the verifier key and refuses any change', () => {
    const verifier = parseVerifierKey(goVerifierKey);
    expect(openNote(goNote, verifier)).toBe(goText);
    expect(() => openNote(goNote.replace('cryptography', 'cryptographY'), verifier)).toThrow(
      /invalid signature/,
    );
    const stranger = parseVerifierKey(
      parseSignerKey(signerKeyFor('PeterNeumann', randomBytes(32))).verifierKey,
    );
    expect(() => openNote(goNote, stranger)).toThrow(/no signature/);
  });

  it('refuses keys whose hash does not match', () => {
    expect(() => parseVerifierKey(goVerifierKey.replace('c74f20a3', 'c74f20a4'))).toThrow(/hash/);
    expect(() => parseSignerKey('PRIVATE+KEY+x')).toThrow();
  });
});
