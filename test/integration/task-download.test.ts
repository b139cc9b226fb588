// Task → Create Remote Download / Select Download Files / Cancel Remote Download / Get Many, with URLs served by
// the test server's loopback file server and simulated torrents.
import { createHash } from 'node:crypto';
import { DEMO, startServer, type TestServer } from '../server';
import { makeTorrent, torrentContent } from '../server/tasks';
import { binaryItem, path, runTask, runTaskError, storeFor } from './harness/task-context';
import type { CredentialStore } from './harness/context';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const until = async (cond: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe('Task: remote downloads', () => {
	let server: TestServer;
	let store: CredentialStore;

	beforeEach(async () => {
		server = await startServer({ port: 0 });
		server.tasks.stepMs = 10;
		store = storeFor(server, DEMO.email, DEMO.password);
	});
	afterEach(() => server.close());

	const download = (extra: Record<string, unknown>) => ({
		operation: 'createDownload',
		destinationFolder: path('/Downloads'),
		waitForCompletion: true,
		pollInterval: 0.1,
		waitTimeout: 20,
		...extra,
	});

	it('downloads several URLs, one task each, into the destination folder', async () => {
		const big = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251));
		const u1 = await server.remote.serve('/files/report.pdf', big);
		const u2 = await server.remote.serve('/files/notes.txt', 'hello from the internet\n');
		const out = await runTask(store, download({ urls: `${u1}\n\n${u2}\n` }));
		expect(out).toHaveLength(2);
		for (const item of out) expect(item.json).toMatchObject({ type: 'remote_download', typeName: 'Remote Download', status: 'completed', statusName: 'Completed' });
		expect((out[0].json.summary as any).props.src_str).toBe(u1);
		expect((out[0].json.summary as any).props.download).toMatchObject({ state: 'completed', total: 200_000, downloaded: 200_000 });
		expect(sha(server.fs.read(DEMO.email, '/Downloads/report.pdf'))).toBe(sha(big));
		expect(server.fs.read(DEMO.email, '/Downloads/notes.txt').toString()).toBe('hello from the internet\n');
		const done = await runTask(store, { operation: 'getMany', category: 'downloaded', returnAll: true });
		expect(done.map((i) => i.json.id).sort()).toEqual(out.map((i) => i.json.id).sort());
		expect(await runTask(store, { operation: 'getMany', category: 'downloading', returnAll: true })).toHaveLength(0);
	});

	it('returns the queued tasks and lists the URLs Cloudreve could not queue (40081)', async () => {
		const ok = await server.remote.serve('/ok.txt', 'ok');
		const refused = await server.remote.serve('/refused.txt', 'no');
		server.tasks.refuseUrl(refused);
		const out = await runTask(store, download({ urls: [ok, refused] }));
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ status: 'completed', notQueued: { [refused]: 'The task could not be created: Failed to create task' } });
		expect(server.fs.read(DEMO.email, '/Downloads/ok.txt').toString()).toBe('ok');
	});

	it('reports a 404 URL as a failed task; Continue On Fail returns it as data', async () => {
		const missing = await server.remote.missingUrl('gone.iso');
		const err = await runTaskError(store, download({ urls: missing }));
		expect(err.kind).toBe('NodeApiError');
		expect(err.message).toBe(`Cloudreve task failed: download failed: resource not found (HTTP 404) for ${missing}`);
		const [item] = await runTask(store, download({ urls: missing }), { continueOnFail: true });
		expect(item.json).toMatchObject({ status: 'error', statusName: 'Error', error: expect.stringContaining('HTTP 404') });
	});

	it('rejects private addresses that are not the site or its file server (SSRF policy of 4.16.1+)', async () => {
		const [item] = await runTask(store, download({ urls: 'http://127.0.0.1:9/secret' }), { continueOnFail: true });
		expect(item.json.error).toMatch(/^url rejected:/);
	});

	it('times out on a slow download with the task id and last status, and cancels it', async () => {
		const slow = await server.remote.serve('/slow.bin', Buffer.alloc(100_000, 1), { chunkBytes: 1000, chunkDelayMs: 100 });
		const err = await runTaskError(store, download({ urls: slow, waitTimeout: 1, pollInterval: 0.2 }));
		const [task] = server.tasks.list(DEMO.email);
		expect(err.message).toBe(`Task ${String(task.id)} (last status: Suspending) did not finish within 1 s`);
		const [running] = await runTask(store, { operation: 'getMany', category: 'downloading', returnAll: true });
		expect(running.json).toMatchObject({ id: task.id, status: 'suspending', summary: { phase: 'monitor' } });
		expect((running.json.summary as any).props.download.downloaded).toBeGreaterThan(0);
		const [canceled] = await runTask(store, { operation: 'cancelDownload', taskId: task.id });
		expect(canceled.json).toMatchObject({ id: task.id, cancelRequested: true });
		await until(() => server.tasks.get(String(task.id))?.status === 'canceled');
		expect(server.fs.get(DEMO.email, '/Downloads/slow.bin')).toBeUndefined();
		// A finished task cannot be canceled any more: 404.
		const again = await runTaskError(store, { operation: 'cancelDownload', taskId: task.id });
		expect(again.message).toBe('Cloudreve error 404: Not found');
		expect(again.description).toContain('Task not found');
	});

	it('downloads only the selected files of a torrent in the drive', async () => {
		server.tasks.torrentBytesPerStep = 1024;
		const torrent = makeTorrent('Album', [
			{ path: 'cd1/track1.flac', size: 50_000 },
			{ path: 'cd1/track2.flac', size: 40_000 },
			{ path: 'cover.jpg', size: 3000 },
		]);
		server.fs.put(DEMO.email, '/Torrents/album.torrent', torrent);
		const [created] = await runTask(store, download({ sourceType: 'torrentFile', torrentFile: path('/Torrents/album.torrent'), waitForCompletion: false }));
		const id = String(created.json.id);
		expect(created.json).toMatchObject({ status: 'queued', torrentUri: 'cloudreve://my/Torrents/album.torrent' });
		await until(() => (server.tasks.get(id)?.summary as any)?.phase === 'monitor');
		const [selected] = await runTask(store, { operation: 'selectFiles', taskId: id, fileIndexes: '0, 2' });
		const files = (selected.json.summary as any).props.download.files;
		expect(files.map((f: any) => [f.index, f.name, f.selected])).toEqual([
			[0, 'Album/cd1/track1.flac', true],
			[1, 'Album/cd1/track2.flac', false],
			[2, 'Album/cover.jpg', true],
		]);
		const [final] = await runTask(store, { operation: 'get', taskId: id, waitForCompletion: true, pollInterval: 0.1, waitTimeout: 20 });
		expect(final.json.status).toBe('completed');
		expect(sha(server.fs.read(DEMO.email, '/Downloads/Album/cd1/track1.flac'))).toBe(sha(torrentContent('Album/cd1/track1.flac', 50_000)));
		expect(server.fs.read(DEMO.email, '/Downloads/Album/cover.jpg')).toHaveLength(3000);
		expect(server.fs.get(DEMO.email, '/Downloads/Album/cd1/track2.flac')).toBeUndefined();
		// Selecting after the monitor phase is refused (404 "Task not in processing state").
		const late = await runTaskError(store, { operation: 'selectFiles', taskId: id, fileIndexes: '1', deselectOthers: false });
		expect(late.description).toContain('Task not in processing state');
	});

	it('saves a .torrent from binary data to the drive first, then downloads it', async () => {
		const torrent = makeTorrent('single.iso', [{ path: 'single.iso', size: 10_000 }]);
		const out = await runTask(
			store,
			download({ sourceType: 'torrentBinary', binaryPropertyName: 'data', options: { torrentFolder: '/Torrents' } }),
			{ items: [binaryItem(torrent, 'single.torrent', 'application/x-bittorrent')] },
		);
		expect(out[0].json).toMatchObject({ status: 'completed', torrentUri: 'cloudreve://my/Torrents/single.torrent' });
		expect(sha(server.fs.read(DEMO.email, '/Torrents/single.torrent'))).toBe(sha(torrent));
		expect(sha(server.fs.read(DEMO.email, '/Downloads/single.iso'))).toBe(sha(torrentContent('single.iso', 10_000)));
	});

	it('answers 40007 to a User-group account, and validates input before calling', async () => {
		server.users.add({ email: 'plain@cloudreve.test', password: 'plain-password-1', group: 'user' });
		const user = storeFor(server, 'plain@cloudreve.test', 'plain-password-1');
		const url = await server.remote.serve('/a.txt', 'a');
		const err = await runTaskError(user, download({ urls: url }));
		expect(err.message).toBe('Cloudreve error 40007: Your user group is not allowed to do this');
		const empty = await runTaskError(store, download({ urls: ' \n ' }));
		expect(empty.message).toBe('URLs is empty');
		const badIndexes = await runTaskError(store, { operation: 'selectFiles', taskId: 'abc', fileIndexes: 'one' });
		expect(badIndexes.message).toContain('is not a list of file indexes');
	});
});
