import { execFileSync } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { ARTICLE, findArticle, itemFor, runImport } from '../helpers/ingest';
import { bootStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
/** A capture outside every import folder: none of it may ever be imported. */
let outside: string;
const OUTSIDE_TITLE = 'Secret from outside the import folder';

beforeAll(async () => {
  app = await bootStrapi();
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-outside-'));
  fs.writeFileSync(path.join(outside, 'secret.txt'), syntheticCapture({ title: OUTSIDE_TITLE }));
  fs.mkdirSync(path.join(outside, 'sub'));
  fs.writeFileSync(path.join(outside, 'sub', 'inner.txt'), syntheticCapture({ title: OUTSIDE_TITLE }));
});

afterAll(async () => {
  await app?.destroy();
});

const importedFromOutside = () => app.strapi.db.query(ARTICLE).count({ where: { title: OUTSIDE_TITLE } });

/** A unix socket listening at `file` (Node removes the file when it closes). */
const makeSocket = (file: string) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(file, () => resolve(server));
  });

const canMakeDevices = (() => {
  const probe = path.join(os.tmpdir(), `ingest-device-probe-${process.pid}`);
  try {
    execFileSync('mknod', [probe, 'c', '1', '3'], { stdio: 'ignore' });
    fs.rmSync(probe);
    return true;
  } catch {
    return false;
  }
})();

describe('the folder import reads only regular files inside its folder', () => {
  it('fails, with a reason and without reading them, a symlink, a FIFO, a socket and a link to a folder present when listed', async () => {
    const dir = makeCaptureDir({ 'a_regular.txt': syntheticCapture({ title: 'A regular capture among odd entries' }) });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'b_link.txt'));
    execFileSync('mkfifo', [path.join(dir, 'c_fifo.txt')]);
    const socket = await makeSocket(path.join(dir, 'd_socket.txt'));
    fs.symlinkSync(outside, path.join(dir, 'e_linked_folder'));
    fs.symlinkSync(path.join(dir, 'a_regular.txt'), path.join(dir, 'f_link_inside.txt'));

    const report = await runImport(app.strapi, dir).finally(() => socket.close());

    expect(report.items.map((entry) => [entry.file, entry.outcome])).toEqual([
      ['a_regular.txt', 'created'],
      ['b_link.txt', 'failed'],
      ['c_fifo.txt', 'failed'],
      ['d_socket.txt', 'failed'],
      ['e_linked_folder', 'failed'],
      ['f_link_inside.txt', 'failed'],
    ]);
    expect(itemFor(report, 'b_link').error).toBe('b_link.txt: a symbolic link, not a regular file: not read (only regular files inside the import folder are)');
    expect(itemFor(report, 'c_fifo').error).toMatch(/^c_fifo\.txt: a FIFO \(named pipe\), not a regular file: not read/);
    expect(itemFor(report, 'd_socket').error).toMatch(/^d_socket\.txt: a socket, not a regular file: not read/);
    expect(itemFor(report, 'e_linked_folder').error).toMatch(/^e_linked_folder: a symbolic link, not a regular file/);
    expect(itemFor(report, 'f_link_inside').error).toMatch(/a symbolic link/);
    expect(report.counts).toMatchObject({ created: 1, failed: 5 });
    expect(await importedFromOutside()).toBe(0);
    expect(await findArticle(app.strapi, 'b_link')).toBeNull();
  });

  it.skipIf(!canMakeDevices)('fails a device node without opening it', async () => {
    const dir = makeCaptureDir({ 'a_beside_device.txt': syntheticCapture({ title: 'A regular capture beside a device' }) });
    execFileSync('mknod', [path.join(dir, 'b_device.txt'), 'c', '1', '3']);
    const report = await runImport(app.strapi, dir);
    expect(itemFor(report, 'b_device')).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^b_device\.txt: a device, not a regular file: not read/) });
    expect(itemFor(report, 'a_beside_device').outcome).toBe('created');
  });

  it('refuses what is swapped in during the run: a link, a FIFO, a folder linked outside — never read, never a hang', async () => {
    const dir = makeCaptureDir({
      'a_first.txt': syntheticCapture({ title: 'First capture of a run that gets tampered with' }),
      'b_becomes_link.txt': syntheticCapture({ title: 'Becomes a link mid-run' }),
      'c_becomes_fifo.txt': syntheticCapture({ title: 'Becomes a FIFO mid-run' }),
      'd_folder/inner.txt': syntheticCapture({ title: 'Its folder becomes a link mid-run' }),
      'e_last.txt': syntheticCapture({ title: 'Last capture of a run that got tampered with' }),
    });
    let swapped = false;
    const report = await runImport(app.strapi, dir, {
      onProgress: ({ file }) => {
        // After the folder was listed and its first capture imported: swap the others.
        if (swapped || file !== 'a_first.txt') return;
        swapped = true;
        fs.rmSync(path.join(dir, 'b_becomes_link.txt'));
        fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'b_becomes_link.txt'));
        fs.rmSync(path.join(dir, 'c_becomes_fifo.txt'));
        execFileSync('mkfifo', [path.join(dir, 'c_becomes_fifo.txt')]);
        fs.rmSync(path.join(dir, 'd_folder'), { recursive: true });
        fs.symlinkSync(path.join(outside, 'sub'), path.join(dir, 'd_folder'));
      },
    });

    expect(swapped).toBe(true);
    expect(report.items.map((entry) => [entry.file, entry.outcome])).toEqual([
      ['a_first.txt', 'created'],
      ['b_becomes_link.txt', 'failed'],
      ['c_becomes_fifo.txt', 'failed'],
      ['d_folder/inner.txt', 'failed'],
      ['e_last.txt', 'created'],
    ]);
    expect(itemFor(report, 'b_becomes_link').error).toMatch(/a symbolic link, not a regular file: not read/);
    expect(itemFor(report, 'c_becomes_fifo').error).toMatch(/a FIFO \(named pipe\), not a regular file: not read/);
    expect(itemFor(report, 'inner').error).toBe('d_folder/inner.txt: resolves outside the import folder (through a linked folder): not read');
    expect(await importedFromOutside()).toBe(0);
  });
});
