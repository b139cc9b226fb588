// Issue 3, Uploads/Downloads: streamed uploads through every storage policy (exact chunk sizes seen by the server
// and by each emulated provider, SHA-256 equality after a download), binaries on the filesystem (id +
// getBinaryStream, irregular pieces) and in memory (no id), zero-byte files, transient faults retried, a
// persistent fault at chunk 3 of 5 leaving nothing behind, 40011 re-creation, 40013 never retried, existing
// names (replace/rename/fail/skip), lock conflicts, Update Content and zip downloads.
import { createHash, randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Cloudreve } from '../../nodes/Cloudreve/Cloudreve.node';
import { DEMO, startServer, type TestServer } from '../server';
import { uploadControl, type PolicyChoice, type UploadControl } from '../server/storage';
import { encodeId, IdType } from '../server/hashid';
import { BinaryStore, runNodeWithBinary } from './harness/binary';
import { CredentialStore } from './harness/context';

// The machine may be shared with other test runs: timings below are generous on purpose.
jest.setTimeout(60_000);

const node = new Cloudreve();
const KiB = 1024;
const MiB = 1024 * KiB;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const byPath = (value: string) => ({ __rl: true, mode: 'path', value });

/** Every policy variant of §3.2/§3.3 with a small chunk size (OneDrive: a multiple of 320 KiB). */
const POLICIES: Array<{ label: string; choice: PolicyChoice }> = [
	{ label: 'local', choice: { type: 'local', chunkSize: 1 * MiB } },
	{ label: 'relay (s3 with relay)', choice: { type: 's3', relay: true } },
	{ label: 'remote', choice: { type: 'remote', chunkSize: 1 * MiB } },
	{ label: 's3', choice: { type: 's3', chunkSize: 1 * MiB } },
	{ label: 'ks3', choice: { type: 'ks3', chunkSize: 1 * MiB } },
	{ label: 'cos', choice: { type: 'cos', chunkSize: 1 * MiB } },
	{ label: 'oss', choice: { type: 'oss', chunkSize: 1 * MiB } },
	{ label: 'obs', choice: { type: 'obs', chunkSize: 1 * MiB } },
	{ label: 'onedrive', choice: { type: 'onedrive', chunkSize: 3 * 320 * KiB } },
	{ label: 'qiniu', choice: { type: 'qiniu', chunkSize: 1 * MiB } },
	{ label: 'upyun', choice: { type: 'upyun' } },
];

describe('streamed uploads and downloads', () => {
	let srv: TestServer;
	let uploads: UploadControl;
	let store: CredentialStore;
	let fsStore: BinaryStore;
	let memStore: BinaryStore;

	beforeEach(async () => {
		srv = await startServer({ port: 0 });
		uploads = uploadControl(srv);
		store = new CredentialStore({ baseUrl: srv.url, email: DEMO.email, password: DEMO.password });
		fsStore = new BinaryStore({ mode: 'filesystem', irregularPieces: true });
		memStore = new BinaryStore({ mode: 'memory' });
	});
	afterEach(async () => {
		await srv.close();
		fsStore.close();
		memStore.close();
	});

	async function run(binary: BinaryStore, parameters: IDataObject, items?: INodeExecutionData[], continueOnFail = false): Promise<INodeExecutionData[]> {
		const [out] = await runNodeWithBinary(node, { parameters: { resource: 'file', ...parameters }, items, store, binary, continueOnFail });
		return out;
	}

	async function upload(binary: BinaryStore, content: Buffer, fileName: string, extra: IDataObject = {}): Promise<INodeExecutionData> {
		const data = await binary.fromBuffer(content, fileName, 'application/octet-stream');
		const [out] = await run(binary, { operation: 'upload', folder: byPath('/Up'), fileName: '', ifExists: 'fail', options: {}, ...extra }, [{ json: {}, binary: { data } }]);
		return out;
	}

	async function download(binary: BinaryStore, path: string, options: IDataObject = {}): Promise<INodeExecutionData> {
		const [out] = await run(binary, { operation: 'download', file: byPath(path), binaryPropertyName: 'data', options });
		return out;
	}

	async function failure(promise: Promise<unknown>): Promise<{ message: string; description: string; cloudreveCode?: number }> {
		try {
			await promise;
		} catch (error) {
			const e = error as { message: string; description?: string; cloudreveCode?: number };
			return { message: e.message, description: e.description ?? '', cloudreveCode: e.cloudreveCode };
		}
		throw new Error('expected the run to fail');
	}

	function expectNothingLeft(): void {
		expect(uploads.openSessions()).toEqual([]);
		expect(uploads.placeholders()).toEqual([]);
		expect([...srv.state.locks.locks.values()].filter((l) => l.application.type === 'upload')).toEqual([]);
	}

	function expectExactChunks(chunkSize: number, size: number): void {
		const sizes = uploads.chunks.map((c) => c.size);
		if (chunkSize === 0) {
			expect(sizes).toEqual([size]);
			return;
		}
		const count = Math.ceil(size / chunkSize);
		expect(uploads.chunks.map((c) => c.index)).toEqual([...Array(count).keys()]);
		expect(sizes.slice(0, -1).every((s) => s === chunkSize)).toBe(true);
		expect(sizes[sizes.length - 1]).toBe(size - (count - 1) * chunkSize);
	}

	const figures: string[] = [];
	afterAll(() => process.stdout.write(`[transfer figures]\n  ${figures.join('\n  ')}\n`));

	describe.each(POLICIES)('policy $label', ({ label, choice }) => {
		it.each(['filesystem', 'memory'] as const)('uploads and downloads %s binaries with equal SHA-256 and exact chunks', async (mode) => {
			const policy = uploads.use(DEMO.email, choice);
			const binary = mode === 'filesystem' ? fsStore : memStore;
			const size = policy.chunkSize > 0 ? Math.floor(2.5 * policy.chunkSize) + 7 : 2 * MiB + 7;
			const content = randomBytes(size);
			const name = `${choice.type} ${mode} #1 (100%).bin`;
			const out = await upload(binary, content, name);
			expect(out.json).toMatchObject({ name, size, type: 'file' });
			expect(srv.fs.read(DEMO.email, `/Up/${name}`).equals(content)).toBe(true);
			expectExactChunks(policy.relay ? 0 : policy.chunkSize, size);
			expect(new Set(uploads.chunks.map((c) => c.via))).toEqual(
				new Set([policy.type === 'local' || policy.relay ? 'cloudreve' : policy.type === 'remote' ? 'slave' : policy.type]),
			);
			if (mode === 'filesystem') {
				// Streamed from the store, asked for in the session's chunk size, never read whole.
				expect(fsStore.streams.length).toBeGreaterThan(0);
				if (policy.chunkSize > 0 && !policy.relay) expect(fsStore.streams[0].chunkSize).toBe(policy.chunkSize);
				expect(fsStore.bufferReads).toBe(0);
			}
			const callbacks = uploads.callbacks.map((c) => `${c.type}:${c.by}:${c.code}`);
			if (['s3', 'ks3', 'cos', 'onedrive'].includes(policy.type) && !policy.relay) expect(callbacks).toEqual([`${policy.type}:client:0`]);
			else if (policy.type !== 'local' && !policy.relay) expect(callbacks).toEqual([`${policy.type}:provider:0`]);
			else expect(callbacks).toEqual([]);
			expectNothingLeft();

			const got = await download(binary, `/Up/${name}`);
			const file = got.binary!.data;
			expect(file.fileName).toBe(name);
			expect(await binary.sha256(file)).toBe(sha256(content));
			if (mode === 'filesystem') expect(file.id).toBeDefined();
			figures.push(`${label} ${mode}: ${size} B in ${uploads.chunks.length} chunk(s) [${[...new Set(uploads.chunks.map((c) => c.size))].join(', ')}], sha256 ${sha256(content).slice(0, 16)}… up = down`);
		});
	});

	it.each([
		{ type: 'local' as const, via: 'chunk 0 with an empty body' },
		{ type: 'remote' as const, via: 'chunk 0 with an empty body' },
		{ type: 's3' as const, via: 'PUT /file/content' },
		{ type: 'onedrive' as const, via: 'PUT /file/content' },
	])('uploads a zero-byte file on $type ($via) and downloads it', async ({ type }) => {
		uploads.use(DEMO.email, { type, chunkSize: type === 'onedrive' ? 320 * KiB : MiB });
		const out = await upload(fsStore, Buffer.alloc(0), 'empty.txt', { options: { metadata: { values: [{ key: 'tag:empty', value: '' }] } } });
		expect(out.json).toMatchObject({ name: 'empty.txt', size: 0 });
		expect(srv.fs.get(DEMO.email, '/Up/empty.txt')!.metadata['tag:empty']).toBe('');
		expectNothingLeft();
		const got = await download(fsStore, '/Up/empty.txt');
		expect(fsStore.sizeOf(got.binary!.data)).toBe(0);
	});

	describe.each(['local', 's3', 'onedrive'] as const)('faults on %s', (type) => {
		const chunkSize = type === 'onedrive' ? 320 * KiB : 256 * KiB;
		const content = randomBytes(4 * chunkSize + 1000); // 5 chunks

		it('retries a chunk after a connection reset and a 503, and the file is whole', async () => {
			uploads.use(DEMO.email, { type, chunkSize });
			uploads.failChunk({ index: 2, kind: 'reset' });
			uploads.failChunk({ index: 3, kind: 503 });
			const out = await upload(fsStore, content, 'retry.bin');
			expect(out.json.size).toBe(content.length);
			expect(sha256(srv.fs.read(DEMO.email, '/Up/retry.bin'))).toBe(sha256(content));
			expectExactChunks(chunkSize, content.length);
			expectNothingLeft();
		});

		it('a fault at chunk 3 of 5 that does not go away leaves no placeholder, no session, no lock', async () => {
			uploads.use(DEMO.email, { type, chunkSize });
			uploads.failChunk({ index: 2, kind: 500, times: 10 });
			const err = await failure(upload(fsStore, content, 'broken.bin'));
			expect(err.message).toContain('failed at chunk 3 of 5');
			expect(err.message).toContain('500');
			expect(err.description).toContain('no placeholder file is left');
			expect(uploads.chunks.map((c) => c.index)).toEqual([0, 1]);
			expect(srv.fs.get(DEMO.email, '/Up/broken.bin')).toBeUndefined();
			expectNothingLeft();
			// the quota reserved at session creation is released
			expect(srv.state.usedStorage(srv.users.get(DEMO.email)!.id)).toBeLessThan(1000);
			// and the same name uploads fine afterwards
			uploads.reset();
			await upload(fsStore, content, 'broken.bin');
			expect(sha256(srv.fs.read(DEMO.email, '/Up/broken.bin'))).toBe(sha256(content));
		});

		it('re-creates an expired session (40011) once and restarts from the first byte', async () => {
			uploads.use(DEMO.email, { type, chunkSize });
			uploads.failChunk({ index: 2, kind: 'expire' });
			const out = await upload(fsStore, content, 'expired.bin');
			expect(out.json.size).toBe(content.length);
			const created = srv.requestLog.filter((r) => r.method === 'PUT' && r.path === '/api/v4/file/upload');
			expect(created).toHaveLength(2);
			expect(sha256(srv.fs.read(DEMO.email, '/Up/expired.bin'))).toBe(sha256(content));
			expectNothingLeft();
		});
	});

	it('gives up after one re-creation when the session keeps expiring', async () => {
		uploads.use(DEMO.email, { type: 'local', chunkSize: 256 * KiB });
		uploads.failChunk({ index: 1, kind: 'expire', times: 2 });
		const err = await failure(upload(fsStore, randomBytes(600 * KiB), 'expiring.bin'));
		expect(err.message).toContain('at chunk 2 of 3');
		expect(err.cloudreveCode).toBe(40011);
		expectNothingLeft();
	});

	it('never retries a chunk refused with 40013', async () => {
		uploads.use(DEMO.email, { type: 'local', chunkSize: 256 * KiB });
		srv.faults.custom((req) =>
			/\/file\/upload\/[^/]+\/1$/.test(req.pathname) ? { status: 200, body: { code: 40013, msg: 'Invalid Content-Length (expected: 1)' } } : undefined,
		);
		const err = await failure(upload(fsStore, randomBytes(600 * KiB), 'c.bin'));
		expect(err.message).toContain('at chunk 2 of 3');
		expect(err.cloudreveCode).toBe(40013);
		expect(srv.requestLog.filter((r) => /\/file\/upload\/[^/]+\/1$/.test(r.path))).toHaveLength(1);
		expectNothingLeft();
	});

	describe('existing names', () => {
		const original = Buffer.from('original');
		beforeEach(() => {
			srv.fs.put(DEMO.email, '/Up/report.pdf', original);
			uploads.use(DEMO.email, { type: 's3', chunkSize: 256 * KiB });
		});

		it('fail: stops with 40004 and changes nothing', async () => {
			const err = await failure(upload(memStore, randomBytes(1000), 'report.pdf'));
			expect(err.cloudreveCode).toBe(40004);
			expect(err.message).toContain('An item with that name already exists');
			expect(srv.fs.read(DEMO.email, '/Up/report.pdf').equals(original)).toBe(true);
			expectNothingLeft();
		});

		it('replace: adds a version (the old one is kept)', async () => {
			const content = randomBytes(600 * KiB);
			const out = await upload(fsStore, content, 'report.pdf', { ifExists: 'replace' });
			expect(out.json.size).toBe(content.length);
			const file = srv.fs.get(DEMO.email, '/Up/report.pdf')!;
			expect(file.entityIds).toHaveLength(2);
			expect(srv.fs.read(DEMO.email, '/Up/report.pdf').equals(content)).toBe(true);
			const sent = srv.requestLog.find((r) => r.method === 'PUT' && r.path === '/api/v4/file/upload');
			expect(sent).toBeDefined();
			expectNothingLeft();
		});

		it('an older version stays downloadable with the Version option', async () => {
			const old = encodeId(srv.fs.get(DEMO.email, '/Up/report.pdf')!.primaryEntityId!, IdType.Entity);
			await upload(memStore, Buffer.from('new content'), 'report.pdf', { ifExists: 'replace' });
			const current = await download(memStore, '/Up/report.pdf');
			expect((await memStore.read(current.binary!.data)).toString()).toBe('new content');
			const previous = await download(memStore, '/Up/report.pdf', { version: old });
			expect((await memStore.read(previous.binary!.data)).equals(original)).toBe(true);
		});

		it('replace with "Only If Current Version Is" fails with 40076 when the file changed', async () => {
			const stale = encodeId(srv.fs.get(DEMO.email, '/Up/report.pdf')!.primaryEntityId!, IdType.Entity);
			srv.fs.put(DEMO.email, '/Up/report.pdf', 'changed meanwhile');
			const err = await failure(upload(memStore, randomBytes(100), 'report.pdf', { ifExists: 'replace', options: { previous: stale } }));
			expect(err.cloudreveCode).toBe(40076);
			expectNothingLeft();
		});

		it('rename: picks "name (1).ext", then "name (2).ext"', async () => {
			const a = await upload(memStore, Buffer.from('a'), 'report.pdf', { ifExists: 'rename' });
			const b = await upload(memStore, Buffer.from('b'), 'report.pdf', { ifExists: 'rename' });
			expect([a.json.name, b.json.name]).toEqual(['report (1).pdf', 'report (2).pdf']);
			expect(srv.fs.read(DEMO.email, '/Up/report (2).pdf').toString()).toBe('b');
			expect(srv.fs.read(DEMO.email, '/Up/report.pdf').equals(original)).toBe(true);
		});

		it('skip: returns the existing file flagged, uploads nothing', async () => {
			const out = await upload(memStore, randomBytes(10), 'report.pdf', { ifExists: 'skip' });
			expect(out.json).toMatchObject({ name: 'report.pdf', skipped: true, size: original.length });
			expect(srv.requestLog.some((r) => r.path === '/api/v4/file/upload')).toBe(false);
			const fresh = await upload(memStore, randomBytes(10), 'fresh.pdf', { ifExists: 'skip' });
			expect(fresh.json).toMatchObject({ name: 'fresh.pdf', skipped: false });
		});

		it('replace on a locked file: 40073 with the lock listed; "Force Unlock" releases it and uploads', async () => {
			const user = srv.users.get(DEMO.email)!;
			const lock = srv.state.locks.acquire({ ownerId: user.id, path: '/Up/report.pdf', fileType: 0, depth: 0 }, { type: 'dav', inner_xml: '<owner>WebDAV</owner>' });
			const err = await failure(upload(memStore, randomBytes(100), 'report.pdf', { ifExists: 'replace' }));
			expect(err.cloudreveCode).toBe(40073);
			expect(`${err.message} ${err.description}`).toContain(lock.token);
			expectNothingLeft();
			const content = randomBytes(300 * KiB);
			const out = await upload(memStore, content, 'report.pdf', { ifExists: 'replace', options: { ifLocked: 'forceUnlock' } });
			expect(out.json.size).toBe(content.length);
			expect(srv.state.locks.locks.has(lock.token)).toBe(false);
			expectNothingLeft();
		});
	});

	it('test server: an upload in progress locks its path (40073), cancelling it frees path, lock and quota', async () => {
		await run(memStore, { operation: 'get', file: byPath('/Documents') });
		const token = String(store.data.accessToken);
		const api = async (method: string, path: string, body: unknown) =>
			(await (await fetch(`${srv.url}/api/v4${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
				code: number;
				data?: Record<string, unknown>;
			};
		const first = await api('PUT', '/file/upload', { uri: 'cloudreve://my/Up/busy.bin', size: 5 * MiB, entity_type: 'version' });
		expect(first.code).toBe(0);
		expect(Object.keys(first.data!)).toEqual(expect.arrayContaining(['session_id', 'chunk_size', 'expires', 'storage_policy', 'uri', 'callback_secret']));
		const user = srv.users.get(DEMO.email)!;
		const usedBefore = srv.state.usedStorage(user.id);
		const second = await api('PUT', '/file/upload', { uri: 'cloudreve://my/Up/busy.bin', size: 1, entity_type: 'version' });
		expect(second.code).toBe(40073);
		expect((await api('PUT', '/file/upload', { uri: 'cloudreve://my/Up/busy.bin', size: 1 })).code).toBe(40004);
		expect((await api('PUT', '/file/upload', { uri: 'cloudreve://my/Up/x.bin', size: 1, policy_id: 'nope' })).code).toBe(40001);
		expect(uploads.placeholders()).toHaveLength(1);
		expect((await api('DELETE', '/file/upload', { id: first.data!.session_id, uri: 'cloudreve://my/Up/busy.bin' })).code).toBe(0);
		expect(srv.state.usedStorage(user.id)).toBe(usedBefore - 5 * MiB);
		expectNothingLeft();
		expect(srv.fs.get(DEMO.email, '/Up/busy.bin')).toBeUndefined();
	});

	it('uploads text as a file, and Update Content replaces it (with the "unchanged since" check)', async () => {
		const [created] = await run(memStore, { operation: 'upload', inputType: 'text', text: 'héllo\n', folder: byPath('/Notes'), fileName: 'a.txt', ifExists: 'fail', options: {} });
		expect(srv.fs.read(DEMO.email, '/Notes/a.txt').toString('utf8')).toBe('héllo\n');
		const version = String(created.json.version);
		const [updated] = await run(memStore, { operation: 'updateContent', file: byPath('/Notes/a.txt'), inputType: 'text', text: 'second', options: { previous: version } });
		expect(updated.json.size).toBe(6);
		expect(srv.fs.read(DEMO.email, '/Notes/a.txt').toString()).toBe('second');
		const sent = srv.requestLog.filter((r) => r.method === 'PUT' && r.path === '/api/v4/file/content');
		expect(sent[0].query.previous).toBe(version);
		const stale = await failure(run(memStore, { operation: 'updateContent', file: byPath('/Notes/a.txt'), inputType: 'text', text: 'third', options: { previous: version } }));
		expect(stale.cloudreveCode).toBe(40076);
		const data = await fsStore.fromBuffer(randomBytes(200 * KiB), 'x.bin');
		await run(fsStore, { operation: 'updateContent', file: byPath('/Notes/b.bin'), inputType: 'binary', binaryPropertyName: 'data', options: {} }, [{ json: {}, binary: { data } }]);
		expect(srv.fs.read(DEMO.email, '/Notes/b.bin').length).toBe(200 * KiB);
	});

	it('Update Content refuses more than 50 MiB and points to Upload with Replace', async () => {
		const data = await fsStore.fromBuffer(Buffer.alloc(50 * MiB + 1), 'big.bin');
		const err = await failure(run(fsStore, { operation: 'updateContent', file: byPath('/big.bin'), inputType: 'binary', binaryPropertyName: 'data', options: {} }, [{ json: {}, binary: { data } }]));
		expect(err.message).toContain('at most 50 MiB');
		expect(err.description).toContain('Upload');
		expect(srv.requestLog.some((r) => r.path === '/api/v4/file/content')).toBe(false);
	});

	it('downloads a folder, or several items, as one zip; a group without archive download gets a clear hint', async () => {
		srv.fs.put(DEMO.email, '/Zip/a.txt', 'alpha');
		srv.fs.put(DEMO.email, '/Zip/sub/b.txt', 'beta');
		srv.fs.put(DEMO.email, '/Other/c.txt', 'gamma');
		const folder = await download(fsStore, '/Zip');
		expect(folder.binary!.data.fileName).toBe('Zip.zip');
		const entries = unzipSync(new Uint8Array(await fsStore.read(folder.binary!.data)));
		expect(Buffer.from(entries['Zip/a.txt']).toString()).toBe('alpha');
		expect(Buffer.from(entries['Zip/sub/b.txt']).toString()).toBe('beta');
		const several = await download(fsStore, '/Zip/a.txt', { additional: ['/Other/c.txt'], fileName: 'two.zip' });
		expect(Object.keys(unzipSync(new Uint8Array(await fsStore.read(several.binary!.data)))).sort()).toEqual(['a.txt', 'c.txt']);

		const userStore = new CredentialStore({ baseUrl: srv.url, email: DEMO.totpEmail, password: DEMO.totpPassword, totpSecret: DEMO.totpSecret });
		srv.fs.put(DEMO.totpEmail, '/Mine/x.txt', 'x');
		const err = await failure(runNodeWithBinary(node, { parameters: { resource: 'file', operation: 'download', file: byPath('/Mine'), binaryPropertyName: 'data', options: {} }, store: userStore, binary: fsStore }));
		expect(err.cloudreveCode).toBe(40007);
		expect(err.description).toContain('archive download');
	});

	it('downloads with the right MIME type and keeps the input item\'s other binaries', async () => {
		srv.fs.put(DEMO.email, '/Documents/table.csv', 'a,b\n1,2\n');
		const keep = await fsStore.fromBuffer(Buffer.from('keep'), 'keep.txt', 'text/plain');
		const [out] = await run(fsStore, { operation: 'download', file: byPath('/Documents/table.csv'), binaryPropertyName: 'file', options: {} }, [{ json: {}, binary: { keep } }]);
		expect(out.binary!.file).toMatchObject({ fileName: 'table.csv', mimeType: 'text/csv' });
		expect(out.binary!.keep).toBe(keep);
		expect((await fsStore.read(out.binary!.file)).toString()).toBe('a,b\n1,2\n');
		expect(out.json).toMatchObject({ name: 'table.csv', type: 'file' });
	});
});
