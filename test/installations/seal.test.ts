import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openToken, parseTokenKey, sealedKeyId, sealToken, TokenKeyError, TokenOpenError } from '../../src/installations/seal.js';

const KEY = parseTokenKey(randomBytes(32).toString('base64'));
const OTHER = parseTokenKey(randomBytes(32).toString('hex'));
const TOKEN = 'xoxb-1111-2222-sealmeplease';

function openError(run: () => unknown): TokenOpenError {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenOpenError) return error;
    throw error;
  }
  throw new Error('expected TokenOpenError');
}

describe('token sealing (AES-256-GCM, key from TOKEN_ENCRYPTION_KEY)', () => {
  it('round-trips, never contains the token, and differs each time (fresh IV)', () => {
    const a = sealToken(TOKEN, KEY, 'team:T0A');
    const b = sealToken(TOKEN, KEY, 'team:T0A');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(isSealed(a)).toBe(true);
    expect(sealedKeyId(a)).toBe(KEY.id);
    expect(a.startsWith(`v1:${KEY.id}:`)).toBe(true);
    expect(openToken(a, KEY, 'team:T0A')).toBe(TOKEN);
    expect(openToken(b, [OTHER, KEY], 'team:T0A')).toBe(TOKEN);
  });

  it('a wrong key is reported as wrong-key, with the id of the key that sealed it', () => {
    const sealed = sealToken(TOKEN, KEY, 'team:T0A');
    const error = openError(() => openToken(sealed, OTHER, 'team:T0A'));
    expect(error.reason).toBe('wrong-key');
    expect(error.sealedWith).toBe(KEY.id);
    // A forged key id (claiming the other key) does not help: the key id is authenticated.
    const forged = sealed.replace(`v1:${KEY.id}:`, `v1:${OTHER.id}:`);
    expect(openError(() => openToken(forged, OTHER, 'team:T0A')).reason).toBe('wrong-key');
  });

  it('is bound to its record: a token copied to another workspace does not open', () => {
    const sealed = sealToken(TOKEN, KEY, 'team:T0A');
    expect(openError(() => openToken(sealed, KEY, 'team:T0B')).reason).toBe('wrong-key');
  });

  it('any altered byte is refused; non-sealed text is malformed', () => {
    const sealed = sealToken(TOKEN, KEY, 'team:T0A');
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${sealed.slice(0, -2)}${last}${sealed.slice(-1)}`;
    expect(() => openToken(altered, KEY, 'team:T0A')).toThrow(TokenOpenError);
    expect(openError(() => openToken(TOKEN, KEY, 'team:T0A')).reason).toBe('malformed');
    expect(openError(() => openToken(`v1:${KEY.id}:AAAA:AAAA`, KEY, 'team:T0A')).reason).toBe('malformed');
  });

  it('keys: 64 hex or base64 of 32 bytes; anything else is refused without echoing it', () => {
    const bytes = randomBytes(32);
    expect(parseTokenKey(bytes.toString('hex')).key.equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('base64')).key.equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('base64url')).key.equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('hex')).id).toBe(parseTokenKey(bytes.toString('base64')).id);
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), randomBytes(31).toString('hex'), randomBytes(33).toString('base64'), 'z'.repeat(64)]) {
      expect(() => parseTokenKey(bad)).toThrow(TokenKeyError);
    }
    try {
      parseTokenKey('not-a-key-secret-value');
    } catch (error) {
      expect((error as Error).message).not.toContain('not-a-key-secret-value');
    }
  });
});
