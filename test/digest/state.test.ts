import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELIVERIES_KEPT, StateFileError, StateStore, lockStateFile, readStateFile } from '../../src/digest/state.js';

const dir = () => mkdtempSync(join(tmpdir(), 'notech-state-'));

describe('the state file', () => {
  it('starts empty when missing, and is written only on change', () => {
    const path = join(dir(), 'state.json');
    const store = StateStore.open(path);
    expect(store.current).toEqual({ format: 1, subscriptions: {}, channels: {}, reportsByMonth: {} });
    expect(existsSync(path)).toBe(false);
  });

  it('writes atomically: valid JSON after every update, no temporary files left, private permissions', async () => {
    const folder = dir();
    const path = join(folder, 'state.json');
    const store = StateStore.open(path);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update((draft) => {
          draft.subscriptions[`C0${i}X`] = { channelId: `C0${i}X`, cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: new Date(0).toISOString() };
        }),
      ),
    );
    expect(Object.keys(readStateFile(path).subscriptions)).toHaveLength(20);
    expect(readdirSync(folder)).toEqual(['state.json']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('holds channel ids and schedules only', async () => {
    const path = join(dir(), 'state.json');
    const store = StateStore.open(path);
    await expect(
      store.update((draft) => {
        (draft.subscriptions as Record<string, unknown>).C0X = { channelId: 'C0X', cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: new Date(0).toISOString(), userId: 'U123' };
      }),
    ).rejects.toThrow(/userId|Unrecognized key/);
    expect(existsSync(path)).toBe(false);
    expect(store.current.subscriptions).toEqual({});
    // A file edited by hand to carry user data is refused at start, too.
    writeFileSync(path, JSON.stringify({ format: 1, subscriptions: {}, channels: { C0X: { spotlightShown: [], deliveries: {}, userName: 'maya' } } }));
    expect(() => readStateFile(path)).toThrow(/userName|Unrecognized key/);
  });

  it('keeps a bounded delivery log per channel', async () => {
    const path = join(dir(), 'state.json');
    const store = StateStore.open(path);
    await store.update((draft) => {
      draft.channels.C0X = { spotlightShown: [], deliveries: {} };
      for (let i = 0; i < DELIVERIES_KEPT + 30; i += 1) {
        draft.channels.C0X.deliveries[new Date(i * 60_000).toISOString()] = { status: 'delivered', attempts: 1, updatedAt: new Date(0).toISOString() };
      }
    });
    expect(Object.keys(readStateFile(path).channels.C0X!.deliveries)).toHaveLength(DELIVERIES_KEPT);
  });

  it.each([
    ['truncated JSON', '{"format":1,"subscriptions":{'],
    ['not JSON', 'hello'],
    ['not our format', '{"format":2}'],
    ['a bad channel id', '{"format":1,"subscriptions":{"x":{"channelId":"general","cron":"0 9 * * 1","timezone":"UTC","lang":"en","createdAt":"2026-01-01T00:00:00.000Z"}}}'],
  ])('a corrupt file (%s) stops with a clear message and is left untouched', (_label, content) => {
    const path = join(dir(), 'state.json');
    writeFileSync(path, content);
    const before = statSync(path).mtimeMs;
    expect(() => StateStore.open(path)).toThrow(StateFileError);
    expect(() => StateStore.open(path)).toThrow(/STATE_FILE .*state\.json .*left untouched/);
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('is locked to one process; a lock left by a dead process is taken over', () => {
    const path = join(dir(), 'state.json');
    writeFileSync(`${path}.lock`, String(process.ppid));
    expect(() => lockStateFile(path)).toThrow(/in use by another NoTech process/);
    writeFileSync(`${path}.lock`, '999999999');
    const unlock = lockStateFile(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    unlock();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
