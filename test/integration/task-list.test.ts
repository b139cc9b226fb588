// Task → Get Many (categories, Return All over next_page_token), Import External Files (admin), Relocate
// Storage Policy [Pro], and the raw §2.5 contract of the test server (page_size 10–100, categories, 403s).
import { DEMO, startServer, type TestServer } from '../server';
import { encodeId, IdType } from '../server/hashid';
import { path, runTask, runTaskError, storeFor } from './harness/task-context';
import type { CredentialStore } from './harness/context';
import { httpLog } from './harness/http';

async function signIn(server: TestServer, email: string, password: string): Promise<string> {
	const res = await fetch(`${server.url}/api/v4/session/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
	return ((await res.json()) as any).data.token.access_token;
}

async function api(server: TestServer, token: string, method: string, p: string, body?: unknown) {
	const res = await fetch(`${server.url}/api/v4${p}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json };
}

describe('Task: lists, import, relocate', () => {
	let server: TestServer;
	let store: CredentialStore;

	beforeEach(async () => {
		server = await startServer({ port: 0 });
		server.tasks.stepMs = 10;
		store = storeFor(server, DEMO.email, DEMO.password);
	});
	afterEach(() => server.close());

	it('lists a category with Return All across pages of 100 (next_page_token) and with a limit', async () => {
		for (let i = 0; i < 230; i++) server.tasks.add(DEMO.email, { type: i % 2 ? 'create_archive' : 'extract_archive', status: 'completed' });
		for (let i = 0; i < 3; i++) server.tasks.add(DEMO.email, { type: 'remote_download', status: 'processing', phase: 'monitor' });
		server.tasks.add(DEMO.totpEmail, { type: 'create_archive', status: 'completed' });
		httpLog.length = 0;
		const all = await runTask(store, { operation: 'getMany', category: 'general', returnAll: true });
		expect(all).toHaveLength(230);
		expect(new Set(all.map((i) => i.json.id)).size).toBe(230);
		const pages = httpLog.filter((r) => r.url.includes('/workflow'));
		expect(pages).toHaveLength(3);
		const some = await runTask(store, { operation: 'getMany', category: 'general', returnAll: false, limit: 5 });
		expect(some.map((i) => i.json.id)).toEqual(all.slice(0, 5).map((i) => i.json.id));
		const downloading = await runTask(store, { operation: 'getMany', category: 'downloading', returnAll: true });
		expect(downloading).toHaveLength(3);
		expect(downloading[0].json).toMatchObject({ statusName: 'Processing', typeName: 'Remote Download', status: 'processing' });
	});

	it('keeps finish order in updated_at when tasks finish out of order', async () => {
		server.tasks.pause();
		const a = await runTask(store, { operation: 'createArchive', source: path('/Documents'), destinationFolder: path('/'), archiveName: 'a.zip' });
		const b = await runTask(store, { operation: 'createArchive', source: path('/Photos'), destinationFolder: path('/'), archiveName: 'b.zip' });
		await server.tasks.finish(String(b[0].json.id));
		await new Promise((r) => setTimeout(r, 5));
		await server.tasks.finish(String(a[0].json.id), { status: 'error', error: 'forced failure' });
		const [first, second] = server.tasks.list(DEMO.email);
		expect(first).toMatchObject({ id: b[0].json.id, status: 'completed' });
		expect(second).toMatchObject({ id: a[0].json.id, status: 'error', error: 'forced failure' });
		expect(Date.parse(String(second.updated_at))).toBeGreaterThan(Date.parse(String(first.updated_at)));
		expect(String(first.created_at) < String(second.created_at)).toBe(false);
		server.tasks.resume();
	});

	it('Get returns a failed task as data; waiting for it makes it an error', async () => {
		const t = server.tasks.add(DEMO.email, { type: 'extract_archive', status: 'error', error: 'bad archive' });
		const [got] = await runTask(store, { operation: 'get', taskId: t.id });
		expect(got.json).toMatchObject({ id: t.id, status: 'error', statusName: 'Error', error: 'bad archive', progress: {} });
		const err = await runTaskError(store, { operation: 'get', taskId: t.id, waitForCompletion: true, pollInterval: 0.1 });
		expect(err.message).toBe('Cloudreve task failed: bad archive');
	});

	it('imports external files as an administrator, into another user\'s drive', async () => {
		server.tasks.putExternal('/srv/media/a.txt', 'A');
		server.tasks.putExternal('/srv/media/sub/b.txt', 'B');
		const target = server.users.get(DEMO.totpEmail)!;
		const userId = encodeId(target.id, IdType.User);
		const [flat] = await runTask(store, {
			operation: 'import', src: '/srv/media', dst: '/Imported', userId, policyId: 1, recursive: false,
			waitForCompletion: true, pollInterval: 0.1,
		});
		expect(flat.json).toMatchObject({ status: 'completed', type: 'import', typeName: 'Import External Files' });
		expect((flat.json.summary as any).props).toMatchObject({ dst: `cloudreve://${userId}@my/Imported`, src_str: '/srv/media', dst_policy_id: 1 });
		expect(server.fs.read(DEMO.totpEmail, '/Imported/a.txt').toString()).toBe('A');
		expect(server.fs.get(DEMO.totpEmail, '/Imported/sub')).toBeUndefined();
		const [deep] = await runTask(store, {
			operation: 'import', src: '/srv/media', dst: '/Deep', userId, policyId: 1, recursive: true,
			waitForCompletion: true, pollInterval: 0.1,
		});
		expect(deep.json.status).toBe('completed');
		expect(server.fs.read(DEMO.totpEmail, '/Deep/sub/b.txt').toString()).toBe('B');
		const missing = await runTaskError(store, { operation: 'import', src: '/nowhere', dst: '/', userId, policyId: 1, waitForCompletion: true, pollInterval: 0.1 });
		expect(missing.message).toContain('failed to walk physical path "/nowhere"');
	});

	it('refuses Import to a non-administrator (403)', async () => {
		server.users.add({ email: 'plain@cloudreve.test', password: 'plain-password-1', group: 'user' });
		const plain = storeFor(server, 'plain@cloudreve.test', 'plain-password-1');
		const err = await runTaskError(plain, { operation: 'import', src: '/srv', dst: '/', userId: 'x', policyId: 1 });
		expect(err.message).toBe('Cloudreve error 403: Permission denied or action not supported here');
	});

	it('says Relocate needs Cloudreve Pro on a community server, and runs it on a Pro server', async () => {
		const err = await runTaskError(store, { operation: 'relocate', source: path('/Documents'), policyId: encodeId(1, IdType.Policy) });
		expect(err.message).toBe('This operation needs Cloudreve Pro (or a newer server)');
		expect(err.description).toContain('POST /api/v4/workflow/relocate');
		const pro = await startServer({ port: 0, pro: true });
		try {
			const proStore = storeFor(pro, DEMO.email, DEMO.password);
			const [done] = await runTask(proStore, {
				operation: 'relocate', source: path('/Documents'), policyId: encodeId(1, IdType.Policy),
				waitForCompletion: true, pollInterval: 0.1,
			});
			expect(done.json).toMatchObject({ status: 'completed', type: 'relocate', typeName: 'Relocate Storage Policy' });
			const bad = await runTaskError(proStore, { operation: 'relocate', source: path('/Documents'), policyId: encodeId(99, IdType.Policy) });
			expect(bad.message).toContain('40035');
		} finally {
			await pro.close();
		}
	});

	it('implements the §2.5 contract: page_size 10–100, categories, 404s, login', async () => {
		const token = await signIn(server, DEMO.email, DEMO.password);
		expect((await api(server, token, 'GET', '/workflow?category=general')).json).toMatchObject({ code: 40001, msg: 'PageSize cannot be empty' });
		expect((await api(server, token, 'GET', '/workflow?category=general&page_size=9')).json.code).toBe(40001);
		expect((await api(server, token, 'GET', '/workflow?category=general&page_size=101')).json.code).toBe(40001);
		expect((await api(server, token, 'GET', '/workflow?category=other&page_size=10')).json.code).toBe(40001);
		expect((await api(server, token, 'GET', '/workflow?category=general&page_size=10')).json).toMatchObject({
			code: 0,
			data: { tasks: [], pagination: { page: 0, page_size: 10, is_cursor: true } },
		});
		expect((await api(server, '', 'GET', '/workflow?category=general&page_size=10')).json.code).toBe(401);
		expect((await api(server, token, 'GET', '/workflow/progress/nope')).json.code).toBe(40001);
		const unknown = encodeId(777, IdType.Task);
		expect((await api(server, token, 'GET', `/workflow/progress/${unknown}`)).json).toMatchObject({ code: 0, data: {} });
		expect((await api(server, token, 'DELETE', `/workflow/download/${unknown}`)).json).toMatchObject({ code: 404, msg: 'Task not found' });
		expect((await api(server, token, 'PATCH', `/workflow/download/${unknown}`, { files: [] })).json.code).toBe(404);
		expect((await api(server, token, 'POST', '/workflow/download', { dst: 'cloudreve://my' })).json).toMatchObject({ code: 40001, msg: 'No source files' });
		expect((await api(server, token, 'POST', '/workflow/download', { src: ['http://x'], src_file: 'cloudreve://my/a', dst: 'cloudreve://my' })).json.msg).toBe('Invalid source files');
		expect((await api(server, token, 'POST', '/workflow/archive', { src: [], dst: 'cloudreve://my/a.zip' })).json).toMatchObject({ code: 40001, msg: 'Src cannot be empty' });
		const relocate = await api(server, token, 'POST', '/workflow/relocate', { src: [], dst_policy_id: 'x' });
		expect(relocate.status).toBe(404);
		expect(relocate.text).toBe('404 page not found');
		// Another user can neither see nor cancel the demo user's tasks; the owner can.
		const t = server.tasks.add(DEMO.email, { type: 'remote_download', status: 'processing', phase: 'monitor' });
		server.users.add({ email: 'other@cloudreve.test', password: 'other-password-1', group: 'user' });
		const other = await signIn(server, 'other@cloudreve.test', 'other-password-1');
		expect((await api(server, other, 'GET', '/workflow?category=downloading&page_size=10')).json.data.tasks).toEqual([]);
		expect((await api(server, other, 'DELETE', `/workflow/download/${String(t.id)}`)).json).toMatchObject({ code: 404, msg: 'Task not found' });
		expect((await api(server, token, 'DELETE', `/workflow/download/${String(t.id)}`)).json.code).toBe(0);
		expect(server.tasks.get(String(t.id))?.status).toBe('canceled');
	});
});
