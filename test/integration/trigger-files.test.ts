// Cloudreve Trigger, New File and File Updated, through the poll harness against the test server: arming,
// subfolders, every filter, uploads that complete late, many files in one second, a backlog drained over several
// polls (cap and poll budget), restarts that lose unsaved state, scope changes, Fetch Test Event, error
// throttling, and one request per poll when nothing changed.
import { CloudreveTrigger } from '../../nodes/CloudreveTrigger/CloudreveTrigger.node';
import { DEMO, startServer, type TestServer } from '../server';
import { BinaryStore } from './harness/binary';
import { CredentialStore } from './harness/context';
import { PollHarness } from './harness/poll';

const trigger = new CloudreveTrigger();
const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const names = (r: Awaited<ReturnType<PollHarness['poll']>>) => PollHarness.json(r).map((j) => j.name as string).sort();

async function token(server: TestServer): Promise<string> {
	const res = await fetch(`${server.url}/api/v4/session/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
	});
	return ((await res.json()) as { data: { token: { access_token: string } } }).data.token.access_token;
}

/** Starts an upload session (the placeholder appears) and returns a function that completes it. */
async function beginUpload(server: TestServer, path: string, content: string): Promise<() => Promise<void>> {
	const auth = { Authorization: `Bearer ${await token(server)}` };
	const res = await fetch(`${server.url}/api/v4/file/upload`, {
		method: 'PUT',
		headers: { ...auth, 'Content-Type': 'application/json' },
		body: JSON.stringify({ uri: `cloudreve://my${path}`, size: Buffer.byteLength(content) }),
	});
	const body = (await res.json()) as { code: number; data: { session_id: string } };
	expect(body.code).toBe(0);
	return async () => {
		const chunk = await fetch(`${server.url}/api/v4/file/upload/${body.data.session_id}/0`, {
			method: 'POST',
			headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Content-Length': String(Buffer.byteLength(content)) },
			body: content,
		});
		expect(((await chunk.json()) as { code: number }).code).toBe(0);
	};
}

describe('Cloudreve Trigger: files', () => {
	let server: TestServer;
	let store: CredentialStore;
	const put = (path: string, content: Buffer | string = 'x') => server.fs.put(DEMO.email, path, content);
	const harness = (parameters: Record<string, unknown>, budgetMs?: number) =>
		new PollHarness(trigger, { parameters: { event: 'newFile', folder: byPath('/Inbox'), ...parameters }, store, budgetMs });
	const fileRequests = () => server.requestLog.filter((r) => r.path.startsWith('/api/v4/file'));

	beforeEach(async () => {
		server = await startServer({ port: 0 });
		store = new CredentialStore({ baseUrl: server.url, authMode: 'password', email: DEMO.email, password: DEMO.password });
		server.fs.mkdir(DEMO.email, '/Inbox/sub/deeper');
		put('/Inbox/old.txt');
	});
	afterEach(() => server.close());

	it('arms without emitting, then emits each new file once, across a restart that loses unsaved state', async () => {
		const h = harness({});
		expect(await h.poll()).toBeNull();
		put('/Inbox/a.txt');
		put('/Inbox/b.txt');
		const first = await h.poll();
		expect(names(first)).toEqual(['a.txt', 'b.txt']);
		expect(PollHarness.json(first)[0]).toEqual(
			expect.objectContaining({ type: 'file', path: expect.stringMatching(/^\/Inbox\/[ab]\.txt$/), uri: expect.stringMatching(/^cloudreve:\/\/my\/Inbox\//), size: 1 }),
		);
		expect(await h.poll()).toBeNull();
		put('/Inbox/c.txt');
		expect(names(await h.poll())).toEqual(['c.txt']);
		// n8n restarts: the last saved static data comes back; nothing is replayed, files of the downtime arrive.
		h.restart();
		put('/Inbox/during-downtime.txt');
		expect(names(await h.poll())).toEqual(['during-downtime.txt']);
		expect(await h.poll()).toBeNull();
		expect(JSON.stringify(h.staticData).length).toBeLessThan(2000);
	});

	it('emits existing files on the first run when asked, and only then', async () => {
		const h = harness({ options: { emitExisting: true }, includeSubfolders: true });
		put('/Inbox/sub/nested.txt');
		expect(names(await h.poll())).toEqual(['nested.txt', 'old.txt']);
		expect(await h.poll()).toBeNull();
		// A scope change re-arms instead of replaying the folder.
		h.parameters = { ...h.parameters, filters: { extensions: 'txt' } };
		expect(await h.poll()).toBeNull();
		put('/Inbox/new.txt');
		expect(names(await h.poll())).toEqual(['new.txt']);
	});

	it('watches subfolders only when asked (one request per poll either way)', async () => {
		const flat = harness({});
		const deep = harness({ includeSubfolders: true });
		await flat.poll();
		await deep.poll();
		put('/Inbox/top.txt');
		put('/Inbox/sub/one.txt');
		put('/Inbox/sub/deeper/two.txt');
		put('/Elsewhere/not-mine.txt');
		expect(names(await flat.poll())).toEqual(['top.txt']);
		expect(names(await deep.poll())).toEqual(['one.txt', 'top.txt', 'two.txt']);
		for (const h of [flat, deep]) {
			server.resetStats();
			expect(await h.poll()).toBeNull();
			expect(fileRequests()).toHaveLength(1);
			expect(fileRequests()[0].query.uri).toMatch(/^cloudreve:\/\/my\/Inbox\?type=file&created_gte=\d+$/);
		}
	});

	it('applies the name pattern, extensions, category, size bounds and folders-too filters', async () => {
		const cases: Array<[Record<string, unknown>, string[]]> = [
			[{ filters: { namePattern: 'invoice-*.pdf' } }, ['invoice-7.pdf']],
			[{ filters: { namePattern: 'REPORT' } }, ['report.docx']],
			[{ filters: { extensions: 'png, .JPG' } }, ['cat.jpg', 'dog.png']],
			[{ filters: { category: 'image' } }, ['cat.jpg', 'dog.png']],
			[{ filters: { category: 'document', namePattern: 'inv*' } }, ['invoice-7.pdf']],
			[{ filters: { minSize: 10 } }, ['big.bin']],
			[{ filters: { maxSize: 3 } }, ['cat.jpg', 'dog.png', 'invoice-7.pdf', 'report.docx']],
			[{ filters: { minSize: 2, maxSize: 3 } }, ['dog.png', 'report.docx']],
			[{ watch: 'all' }, ['big.bin', 'cat.jpg', 'dog.png', 'folder', 'invoice-7.pdf', 'report.docx']],
		];
		const harnesses = cases.map(([p]) => harness(p));
		for (const h of harnesses) expect(await h.poll()).toBeNull();
		put('/Inbox/invoice-7.pdf', 'a');
		put('/Inbox/report.docx', 'abc');
		put('/Inbox/cat.jpg', 'a');
		put('/Inbox/dog.png', 'ab');
		put('/Inbox/big.bin', '0123456789abc');
		server.fs.mkdir(DEMO.email, '/Inbox/folder');
		for (let i = 0; i < cases.length; i++) {
			expect({ case: cases[i][0], got: names(await harnesses[i].poll()) }).toEqual({ case: cases[i][0], got: cases[i][1] });
		}
	});

	it('does not emit an upload in progress; it fires once when the upload completes, even long after it began', async () => {
		const h = harness({ includeSubfolders: true });
		await h.poll();
		const complete = await beginUpload(server, '/Inbox/sub/video.mp4', 'moving pictures');
		put('/Inbox/quick.txt');
		expect(names(await h.poll())).toEqual(['quick.txt']);
		// The upload began long ago as far as the cursor is concerned: later files move the watermark past it.
		const placeholder = server.fs.get(DEMO.email, '/Inbox/sub/video.mp4')!;
		placeholder.createdAt -= 3_600 * 1e6;
		put('/Inbox/later.txt');
		expect(names(await h.poll())).toEqual(['later.txt']);
		expect(h.staticData.cursor).toEqual(expect.objectContaining({ pending: [[expect.any(String), expect.any(Number), expect.any(Number)]] }));
		expect(await h.poll()).toBeNull();
		await complete();
		const done = await h.poll();
		expect(names(done)).toEqual(['video.mp4']);
		expect(PollHarness.json(done)[0].size).toBe(Buffer.byteLength('moving pictures'));
		expect(await h.poll()).toBeNull();
	});

	it('drops an upload that is cancelled, without emitting it', async () => {
		const h = harness({});
		await h.poll();
		await beginUpload(server, '/Inbox/never.bin', 'zzz');
		expect(await h.poll()).toBeNull();
		const file = server.fs.get(DEMO.email, '/Inbox/never.bin')!;
		server.state.removeFile(file);
		expect(await h.poll()).toBeNull();
		expect((h.staticData.cursor as { pending: unknown[] }).pending).toEqual([]);
	});

	it('emits many files created in the same second exactly once, across polls and a restart', async () => {
		const h = harness({});
		await h.poll();
		const second = Math.floor(Date.now() / 1000) * 1e6;
		const made: string[] = [];
		const emitted: string[] = [];
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < 20; i++) {
				const name = `s${round}-${i}.txt`;
				put(`/Inbox/${name}`).createdAt = second + i; // same second (and nearly the same microsecond)
				made.push(name);
			}
			if (round === 1) h.restart();
			emitted.push(...names(await h.poll()));
		}
		emitted.push(...names(await h.poll()));
		expect(emitted.sort()).toEqual(made.sort());
	});

	it('drains a backlog of 1,200 files over several polls, and a poll budget too small for one listing', async () => {
		const h = harness({}, 1);
		await h.poll();
		for (let i = 0; i < 1200; i++) put(`/Inbox/bulk-${String(i).padStart(4, '0')}.txt`);
		const seen: string[] = [];
		let polls = 0;
		for (; polls < 40 && seen.length < 1200; polls++) seen.push(...names(await h.poll()));
		expect(seen).toHaveLength(1200);
		expect(new Set(seen).size).toBe(1200);
		expect(polls).toBeGreaterThan(2);
		expect(await h.poll()).toBeNull();
	});

	it('Download File attaches each new file as a streamed binary (folders get none)', async () => {
		const binary = new BinaryStore({ mode: 'filesystem' });
		try {
			const h = new PollHarness(trigger, {
				parameters: { event: 'newFile', folder: byPath('/Inbox'), watch: 'all', downloadFile: true, binaryPropertyName: 'file' },
				store,
				binary,
			});
			await h.poll();
			const content = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
			put('/Inbox/big.bin', content);
			server.fs.mkdir(DEMO.email, '/Inbox/new-folder');
			const out = (await h.poll())![0];
			const file = out.find((i) => i.json.name === 'big.bin')!;
			const folder = out.find((i) => i.json.name === 'new-folder')!;
			expect(file.binary?.file).toEqual(expect.objectContaining({ fileName: 'big.bin', id: expect.stringMatching(/^filesystem-v2:/) }));
			expect((await binary.read(file.binary!.file)).equals(content)).toBe(true);
			expect(folder.binary).toBeUndefined();
			expect(binary.bufferReads).toBe(0);
		} finally {
			binary.close();
		}
	});

	it('File Updated: a new version fires, a new file does not, each change once', async () => {
		const h = harness({ event: 'fileUpdated' });
		put('/Inbox/doc.txt', 'v1');
		expect(await h.poll()).toBeNull();
		const doc = server.fs.get(DEMO.email, '/Inbox/doc.txt')!;
		put('/Inbox/doc.txt', 'v2');
		doc.createdAt -= 5e6; // created earlier than this change
		put('/Inbox/brand-new.txt', 'n');
		const first = await h.poll();
		expect(names(first)).toEqual(['doc.txt']);
		expect(await h.poll()).toBeNull();
		await new Promise((r) => setTimeout(r, 5));
		put('/Inbox/doc.txt', 'v3');
		expect(names(await h.poll())).toEqual(['doc.txt']);
		expect(await h.poll()).toBeNull();
	});

	it('Fetch Test Event returns the newest matching files without touching the cursor, or says nothing matches', async () => {
		const h = harness({ filters: { extensions: 'txt' } });
		await h.poll();
		const before = JSON.stringify(h.staticData);
		put('/Inbox/new.txt');
		const sample = PollHarness.json(await h.fetchTestEvent());
		expect(sample.map((j) => j.name)).toEqual(['new.txt', 'old.txt']);
		expect(JSON.stringify(h.staticData)).toBe(before);
		expect(names(await h.poll())).toEqual(['new.txt']);
		const none = harness({ filters: { extensions: 'pdf' } });
		await expect(none.fetchTestEvent()).rejects.toThrow("No file in /Inbox matches the trigger's settings");
		expect(none.staticData).toEqual({});
	});

	it('surfaces the first error and a different one, throttles repeats, and always fails the activation poll', async () => {
		const h = harness({ folder: byPath('/Missing') });
		await expect(h.poll()).rejects.toThrow(/40016|not exist/i);
		// Scheduled polls: the same error again within the hour is logged, not thrown.
		await expect(h.poll()).rejects.toThrow(/40016|not exist/i);
		expect(await h.poll()).toBeNull();
		expect(await h.poll()).toBeNull();
		expect(h.warnings.length).toBe(2);
		server.faults.custom((req) => (req.pathname === '/api/v4/file' ? { status: 200, body: { code: 40019, msg: 'Feature not enabled' } } : undefined));
		await expect(h.poll()).rejects.toThrow(/40019|not enabled/i);
		server.faults.clear();
		server.fs.mkdir(DEMO.email, '/Missing');
		expect(await h.poll()).toBeNull();
		expect(h.staticData.errKey).toBeUndefined();
		// After a restart the activation poll throws even an error seen before.
		h.restart();
		server.faults.custom((req) => (req.pathname === '/api/v4/file' ? { status: 200, body: { code: 40019, msg: 'Feature not enabled' } } : undefined));
		await expect(h.poll()).rejects.toThrow(/40019|not enabled/i);
	});
});
