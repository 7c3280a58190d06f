/**
 * Bot tokens encrypted at rest: AES-256-GCM (node:crypto) with a 32-byte key from the
 * environment (TOKEN_ENCRYPTION_KEY). Every installation store (the file here, PostgreSQL)
 * seals a token before writing it and opens it after reading it, with these helpers only.
 *
 * A sealed token is one string: `v1:<key id>:<iv>:<ciphertext+tag>` (iv and ciphertext in
 * base64url). The key id is a fingerprint of the key (8 hex characters of a SHA-256), never the
 * key: it tells which key sealed a token, so a wrong key is reported as such (not as a corrupt
 * record), and a later rotation can keep old keys to open old tokens while sealing with the new
 * one (`openToken` already takes a list). The version, the key id and a caller's `context` (the
 * record the token belongs to, e.g. `team:T0123`) are authenticated with the ciphertext: a sealed
 * token copied into another workspace's record does not open.
 *
 * This module imports nothing from src, so any store can reuse it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A parsed TOKEN_ENCRYPTION_KEY: the 32 key bytes and their public fingerprint. */
export interface TokenKey {
  /** 8 hex characters identifying the key (safe to log and to store). */
  readonly id: string;
  readonly key: Buffer;
}

/** TOKEN_ENCRYPTION_KEY is not a 32-byte key (a configuration error). */
export class TokenKeyError extends Error {}

/** A sealed token could not be opened: `wrong-key` (sealed with another key) or `malformed`. */
export class TokenOpenError extends Error {
  constructor(
    readonly reason: 'wrong-key' | 'malformed',
    /** The id of the key the token was sealed with, when it could be read. */
    readonly sealedWith: string | undefined,
  ) {
    super(reason === 'wrong-key' ? `token sealed with key ${sealedWith ?? '?'} cannot be opened with the key given` : 'sealed token is malformed');
  }
}

/** The fingerprint of a key: not reversible, and distinct from any hash of the key used elsewhere. */
function keyId(key: Buffer): string {
  return createHash('sha256').update('notech-token-key\0').update(key).digest('hex').slice(0, 8);
}

/**
 * Parse a key given as 64 hex characters or as base64 (standard or URL-safe, padding optional)
 * of exactly 32 bytes, e.g. from `openssl rand -base64 32`. Throws TokenKeyError (whose message
 * says what is wrong, never the value).
 */
export function parseTokenKey(text: string): TokenKey {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new TokenKeyError('must be a 32-byte key, as 64 hex characters or 44 base64 characters (generate one with: openssl rand -base64 32)');
  }
  return { id: keyId(key), key };
}

function additionalData(keyIdText: string, context: string): Buffer {
  return Buffer.from(`${SEALED_VERSION}:${keyIdText}:${context}`, 'utf8');
}

/**
 * Encrypt `plaintext` (a token) with `key` for the record named by `context`. A fresh random IV
 * each time, so sealing the same token twice gives two different strings.
 */
export function sealToken(plaintext: string, key: TokenKey, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(additionalData(key.id, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [SEALED_VERSION, key.id, iv.toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/** True when `text` has the shape of a sealed token (not a check that it opens). */
export function isSealed(text: string): boolean {
  return /^v1:[0-9a-f]{8}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/.test(text);
}

/** The id of the key a sealed token says it was sealed with, or undefined if it is not one. */
export function sealedKeyId(sealed: string): string | undefined {
  return isSealed(sealed) ? sealed.split(':')[1] : undefined;
}

/**
 * Decrypt a sealed token with whichever of `keys` sealed it, for the same `context` it was sealed
 * for. Throws TokenOpenError: `wrong-key` if none of the keys is the one (or the token, its key
 * id or its context was altered), `malformed` if it is not a sealed token at all.
 */
export function openToken(sealed: string, keys: TokenKey | readonly TokenKey[], context: string): string {
  if (!isSealed(sealed)) throw new TokenOpenError('malformed', undefined);
  const [, id, ivText, dataText] = sealed.split(':') as [string, string, string, string];
  const key = (Array.isArray(keys) ? keys : [keys]).find((candidate: TokenKey) => candidate.id === id);
  if (!key) throw new TokenOpenError('wrong-key', id);
  const iv = Buffer.from(ivText, 'base64url');
  const data = Buffer.from(dataText, 'base64url');
  if (iv.length !== IV_BYTES || data.length <= TAG_BYTES) throw new TokenOpenError('malformed', id);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
    decipher.setAAD(additionalData(id, context));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    // GCM refuses anything altered: the ciphertext, the tag, the key id or the context.
    throw new TokenOpenError('wrong-key', id);
  }
}
