// Task → Create Archive / Extract Archive / Get / Get Progress against the test server's task engine.
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { DEMO, startServer, type TestServer } from '../server';
import { path, runTask, runTaskError, storeFor } from './harness/task-context';
import type { CredentialStore } from './harness/context';

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('Task: archives', () => {
	let server: TestServer;
	let store: CredentialStore;

	beforeEach(async () => {
		server = await startServer({ port: 0 });
		server.tasks.stepMs = 10;
		store = storeFor(server, DEMO.email, DEMO.password);
	});
	afterEach(() => server.close());

	const archive = (extra: Record<string, unknown> = {}) => ({
		operation: 'createArchive',
		source: path('/Documents'),
		destinationFolder: path('/Backups'),
		archiveName: 'docs',
		waitForCompletion: true,
		pollInterval: 0.1,
		waitTimeout: 20,
		...extra,
	});

	it('packs a folder and more sources into a real zip, waiting for completion', async () => {
		server.fs.put(DEMO.email, '/Photos/big.bin', Buffer.alloc(300_000, 7));
		const [item] = await runTask(store, archive({ options: { additionalSources: '/Photos/cat.jpg\n/Photos/big.bin' } }));
		expect(item.json).toMatchObject({ status: 'completed', statusName: 'Completed', type: 'create_archive', typeName: 'Create Archive' });
		expect(item.json.archiveUri).toBe('cloudreve://my/Backups/docs.zip');
		expect((item.json.summary as any).props.src_multiple).toEqual([
			'cloudreve://my/Documents',
			'cloudreve://my/Photos/cat.jpg',
			'cloudreve://my/Photos/big.bin',
		]);
		const zip = unzipSync(new Uint8Array(server.fs.read(DEMO.email, '/Backups/docs.zip')));
		expect(Object.keys(zip).sort()).toEqual(['Documents/Reports/q1.csv', 'Documents/readme.md', 'big.bin', 'cat.jpg']);
		expect(sha(zip['big.bin'])).toBe(sha(Buffer.alloc(300_000, 7)));
		expect(Buffer.from(zip['Documents/Reports/q1.csv']).toString()).toBe(server.fs.read(DEMO.email, '/Documents/Reports/q1.csv').toString());
	});

	it('round-trips: archive → extract gives byte-identical files (SHA-256)', async () => {
		const files: Record<string, Buffer> = {
			'/Src/a.txt': Buffer.from('alpha\n'),
			'/Src/nested/deep/b.bin': Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)),
			'/Src/名前 with space #1.md': Buffer.from('# unicode name\n'),
			'/Src/empty.txt': Buffer.alloc(0),
		};
		for (const [p, c] of Object.entries(files)) server.fs.put(DEMO.email, p, c);
		server.fs.mkdir(DEMO.email, '/Src/empty-folder');
		await runTask(store, archive({ source: path('/Src'), destinationFolder: path('/'), archiveName: 'src.zip' }));
		server.fs.mkdir(DEMO.email, '/Out');
		const [done] = await runTask(store, {
			operation: 'extractArchive',
			archive: path('/src.zip'),
			destinationFolder: path('/Out'),
			waitForCompletion: true,
			pollInterval: 0.1,
		});
		expect(done.json).toMatchObject({ status: 'completed', type: 'extract_archive', typeName: 'Extract Archive' });
		for (const [p, c] of Object.entries(files)) {
			expect(sha(server.fs.read(DEMO.email, `/Out${p}`))).toBe(sha(c));
		}
		expect(server.fs.get(DEMO.email, '/Out/Src/empty-folder')?.type).toBe(1);
	});

	it('extracts only the paths of the file mask', async () => {
		const zip = zipSync({ 'docs/a.txt': Buffer.from('a'), 'docs/sub/b.txt': Buffer.from('b'), 'img/c.png': Buffer.from('c'), 'docs2/x': Buffer.from('x') });
		server.fs.put(DEMO.email, '/in.zip', Buffer.from(zip));
		const [done] = await runTask(store, {
			operation: 'extractArchive',
			archive: path('/in.zip'),
			destinationFolder: path('/Documents'),
			waitForCompletion: true,
			pollInterval: 0.1,
			options: { fileMask: 'docs\nimg/c.png' },
		});
		expect(done.json.status).toBe('completed');
		expect(server.fs.read(DEMO.email, '/Documents/docs/sub/b.txt').toString()).toBe('b');
		expect(server.fs.read(DEMO.email, '/Documents/img/c.png').toString()).toBe('c');
		expect(server.fs.get(DEMO.email, '/Documents/docs2')).toBeUndefined();
	});

	it('surfaces a failed task as an error with Cloudreve\'s message, or as data under Continue On Fail', async () => {
		server.fs.put(DEMO.email, '/fake.zip', 'this is not an archive');
		const params = { operation: 'extractArchive', archive: path('/fake.zip'), destinationFolder: path('/'), waitForCompletion: true, pollInterval: 0.1 };
		const err = await runTaskError(store, params);
		expect(err.kind).toBe('NodeApiError');
		expect(err.message).toContain('Cloudreve task failed: failed to extract archive: unsupported archive format');
		expect(err.description).toMatch(/Task \S+ \(Extract Archive\) ended with status "error"/);
		expect((err.error as { httpCode?: string | null }).httpCode ?? null).toBeNull();

		const [item] = await runTask(store, params, { continueOnFail: true });
		expect(item.json).toMatchObject({ status: 'error', statusName: 'Error', typeName: 'Extract Archive' });
		expect(item.json.error).toContain('unsupported archive format');
		expect(item.json.id).toEqual(expect.any(String));
	});

	it('fails the next task on request (engine switch) and keeps the raw status', async () => {
		server.tasks.failNext('disk on fire', 'create_archive');
		const err = await runTaskError(store, archive());
		expect(err.message).toBe('Cloudreve task failed: disk on fire');
		const tasks = server.tasks.list(DEMO.email);
		expect(tasks[0]).toMatchObject({ status: 'error', error: 'disk on fire', error_history: ['disk on fire'] });
	});

	it('gives up waiting after the timeout, naming the task and its last status', async () => {
		server.tasks.pause();
		const started = Date.now();
		const err = await runTaskError(store, archive({ waitTimeout: 1, pollInterval: 0.2 }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(err.kind).toBe('NodeOperationError');
		const [task] = server.tasks.list(DEMO.email);
		expect(err.message).toBe(`Task ${String(task.id)} (last status: ${task.status === 'queued' ? 'Queued' : 'Processing'}) did not finish within 1 s`);
		expect(err.description).toContain('keeps running on the server');
		server.tasks.resume();
		await server.tasks.finishAll();
		expect(server.tasks.get(String(task.id))?.status).toBe('completed');
	});

	it('returns the queued task without waiting; Get finds it later, with live progress while it runs', async () => {
		server.tasks.stepMs = 200;
		for (let i = 0; i < 6; i++) server.fs.put(DEMO.email, `/Many/f${i}.txt`, `file ${i}`);
		const [queued] = await runTask(store, archive({ source: path('/Many'), waitForCompletion: false }));
		expect(queued.json).toMatchObject({ status: 'queued', statusName: 'Queued' });
		const id = String(queued.json.id);
		// Wait until it has started counting files (6 files × 200 ms leave ample time to look), then read progress.
		const record = [...server.tasks.engine.tasks.values()].pop()!;
		for (let i = 0; i < 100 && !record.progress.archive_count; i++) await new Promise((r) => setTimeout(r, 20));
		const [progress] = await runTask(store, { operation: 'getProgress', taskId: id });
		expect(progress.json.running).toBe(true);
		expect((progress.json.progress as any).archive_count).toMatchObject({ total: 6 });
		const [got] = await runTask(store, { operation: 'get', taskId: id });
		expect(got.json).toMatchObject({ id, status: 'processing', statusName: 'Processing' });
		await server.tasks.finishAll();
		const [final] = await runTask(store, { operation: 'get', taskId: id });
		expect(final.json).toMatchObject({ id, status: 'completed', progress: {} });
		const [after] = await runTask(store, { operation: 'getProgress', taskId: id });
		expect(after.json).toEqual({ id, running: false, progress: {}, percent: {} });
	});

	it('refuses an existing destination (40004) and a missing task ID', async () => {
		server.fs.put(DEMO.email, '/Backups/docs.zip', 'x');
		const err = await runTaskError(store, archive());
		expect(err.message).toContain('40004');
		const missing = await runTaskError(store, { operation: 'get', taskId: 'zzzz' });
		expect(missing.message).toBe('Task zzzz was not found');
	});

	it('answers 40007 to a User-group account for archive and extract', async () => {
		server.users.add({ email: 'plain@cloudreve.test', password: 'plain-password-1', group: 'user' });
		server.fs.put('plain@cloudreve.test', '/a.zip', Buffer.from(zipSync({ a: Buffer.from('a') })));
		const user = storeFor(server, 'plain@cloudreve.test', 'plain-password-1');
		const a = await runTaskError(user, archive({ source: path('/a.zip') }));
		expect(a.message).toBe('Cloudreve error 40007: Your user group is not allowed to do this');
		const e = await runTaskError(user, { operation: 'extractArchive', archive: path('/a.zip'), destinationFolder: path('/') });
		expect(e.message).toContain('40007');
		expect(server.tasks.list('plain@cloudreve.test')).toHaveLength(0);
	});
});
