import { EventEmitter } from 'events';
import { describe, expect, it, vi } from 'vitest';
import { listInWorker, listingEntries } from '../../src/plugins/ingest/server/src/sources/folder';

/** What the fake worker of the next test says, in order: messages, then an exit code. */
const script: { messages: Array<number | string | null>; exit: number } = { messages: [], exit: 0 };

// (vitest hoists this above the imports.) A listing worker that says what `script` says.
vi.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    constructor() {
      super();
      const { messages, exit } = script;
      setImmediate(() => {
        for (const message of messages) this.emit('message', message);
        this.emit('exit', exit);
      });
    }
  },
}));

const partsOf = async (dir: string) => {
  const received: string[] = [];
  for await (const part of (await listInWorker(dir)).parts) received.push(part);
  return received;
};

describe('a listing that comes from its worker in parts', () => {
  it('hands on the parts in the order they came, and ends where the worker said the listing ends', async () => {
    Object.assign(script, { messages: [2, 'a.txt\0' + '1:2\0', 'b.txt\0\0', null], exit: 0 });
    expect(await partsOf('/captures')).toEqual(['a.txt\0' + '1:2\0', 'b.txt\0\0']);
    const listing = listingEntries(await listInWorker('/captures'));
    expect(listing.length).toBe(2);
    const entries = [];
    for await (const part of listing.parts()) entries.push(...part);
    expect(entries).toEqual([
      { name: 'a.txt', externalId: 'a', fingerprint: '1:2' },
      { name: 'b.txt', externalId: 'b', fingerprint: null },
    ]);
  });

  it('fails the listing when the worker stops before the end, after the parts it sent', async () => {
    Object.assign(script, { messages: [3, 'a.txt\0' + '1:2\0'], exit: 1 });
    const listing = await listInWorker('/captures');
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const part of listing.parts) received.push(part);
      })()
    ).rejects.toThrow('the listing worker exited with 1');
    expect(received).toEqual(['a.txt\0' + '1:2\0']);
  });

  it('rejects when the worker stops before it counted the files', async () => {
    Object.assign(script, { messages: [], exit: 1 });
    await expect(listInWorker('/captures')).rejects.toThrow('the listing worker exited with 1');
  });
});
