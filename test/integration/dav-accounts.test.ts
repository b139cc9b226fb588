// Issue 4, WebDAV accounts: create (password once), list (Return All/Limit, passwords hidden unless asked),
// update (fields kept unless given), delete; the User group lacks the WebDAV permission (40007).
import { DEMO, startServer, type TestServer } from '../server';
import { byPath, byUri, errorOf, items, runWith, storeFor } from './harness/account';
import { n8nHttpRequest } from './harness/http';

describe('WebDAV accounts', () => {
	let srv: TestServer;
	const dav = (parameters: Record<string, unknown>, opts: Parameters<typeof runWith>[2] = {}) => runWith(srv, { resource: 'dav', ...parameters }, opts);

	beforeEach(async () => {
		srv = await startServer({ port: 0 });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('creates an account and returns its generated password once; the password works for WebDAV', async () => {
		const [created] = await dav({ operation: 'create', name: 'Laptop', root: byPath('/Documents'), options: { readonly: true } });
		expect(created.json).toMatchObject({ name: 'Laptop', uri: 'cloudreve://my/Documents', readonly: true, proxy: false, disable_sys_files: false, davUrl: `${srv.url}/dav/` });
		expect(String(created.json.password)).toMatch(/^[0-9a-f]{32}$/);
		const notice = (await import('../../nodes/Cloudreve/actions/dav/create.operation')).description.find((p) => p.name === 'passwordNotice');
		expect(notice?.displayName).toContain('password');
		// Read-only accounts may not LOCK; a wrong password is a 401.
		const auth = (pw: string) => `Basic ${Buffer.from(`${DEMO.email}:${pw}`).toString('base64')}`;
		const lock = (pw: string) =>
			n8nHttpRequest({ method: 'LOCK' as never, url: `${srv.url}/dav/readme.md`, headers: { Authorization: auth(pw) }, returnFullResponse: true, ignoreHttpStatusErrors: true }) as Promise<{ statusCode: number }>;
		expect((await lock(String(created.json.password))).statusCode).toBe(403);
		expect((await lock('wrong')).statusCode).toBe(401);

		const [listed] = await dav({ operation: 'list', returnAll: true });
		expect(listed.json.id).toBe(created.json.id);
		expect(listed.json.password).toBeUndefined();
		const [withPassword] = await dav({ operation: 'list', returnAll: true, options: { includePasswords: true } });
		expect(withPassword.json.password).toBe(created.json.password);
	});

	it('lists with Return All across pages and with Limit', async () => {
		for (let n = 0; n < 55; n++) await dav({ operation: 'create', name: `acc ${n}`, root: byPath('/') });
		const all = await dav({ operation: 'list', returnAll: true });
		expect(all.map((i) => i.json.name)).toEqual(Array.from({ length: 55 }, (_, n) => `acc ${n}`));
		const three = await dav({ operation: 'list', returnAll: false, limit: 3 });
		expect(three).toHaveLength(3);
		const pages = srv.requestLog.filter((r) => r.method === 'GET' && r.path === '/api/v4/devices/dav');
		expect(pages.map((r) => r.query.page_size)).toEqual(['50', '50', '10']);
	});

	it('updates name, root and options, keeping what is not given and the password', async () => {
		const [created] = await dav({ operation: 'create', name: 'Old', root: byPath('/Photos'), options: { readonly: true, disableSysFiles: true } });
		const [renamed] = await dav({ operation: 'update', accountId: created.json.id, updateFields: { name: 'New' } });
		expect(renamed.json).toMatchObject({ name: 'New', uri: 'cloudreve://my/Photos', readonly: true, disable_sys_files: true });
		expect(renamed.json.password).toBeUndefined();
		const [moved] = await dav({ operation: 'update', accountId: created.json.id, changeRoot: true, root: byUri('cloudreve://my/Documents'), updateFields: { readonly: false } });
		expect(moved.json).toMatchObject({ name: 'New', uri: 'cloudreve://my/Documents', readonly: false, disable_sys_files: true });
		const [listed] = await dav({ operation: 'list', returnAll: true, options: { includePasswords: true } });
		expect(listed.json.password).toBe(created.json.password);
		const missing = await errorOf(dav({ operation: 'update', accountId: 'zzzz', updateFields: { name: 'x' } }));
		expect(missing.message).toBe('WebDAV account zzzz not found');
	});

	it('deletes accounts; deleting a missing or foreign one is 404, per item with continueOnFail', async () => {
		const [created] = await dav({ operation: 'create', name: 'Temp', root: byPath('/') });
		const out = await dav({ operation: 'delete', accountId: (i: number) => (i === 0 ? created.json.id : created.json.id) }, { items: items(2), continueOnFail: true });
		expect(out[0].json).toEqual({ id: created.json.id, deleted: true });
		expect(String(out[1].json.error)).toContain('Cloudreve error 404');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(await dav({ operation: 'list', returnAll: true })).toEqual([]);
	});

	it('refuses the User group (no WebDAV permission) with 40007 and an invalid root with 40001', async () => {
		srv.users.add({ email: 'bob@cloudreve.test', password: 'bob-password-1', group: 'user' });
		const denied = await errorOf(dav({ operation: 'create', name: 'Bob', root: byPath('/') }, { store: storeFor(srv, 'bob@cloudreve.test', 'bob-password-1') }));
		expect(denied.cloudreveCode).toBe(40007);
		expect(denied.description).toContain('An administrator must grant the permission');
		const badRoot = await errorOf(dav({ operation: 'create', name: 'Trash', root: byUri('cloudreve://trash') }));
		expect(badRoot.cloudreveCode).toBe(40001);
	});
});
