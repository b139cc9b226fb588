// Issue 4, Share resource: create (public, generated or given password, expiry, downloads limit), get (incl.
// protected, wrong password, expired), edit, list, delete one/many, a user's public shares — on the test server.
import { n8nHttpRequest } from './harness/http';
import { byPath, byUri, errorOf, items, runWith, storeFor } from './harness/account';
import { startServer, type TestServer } from '../server';

const BOB = { email: 'bob@cloudreve.test', password: 'bob-password-1' };

describe('share links', () => {
	let srv: TestServer;
	const run = (parameters: Record<string, unknown>, opts: Parameters<typeof runWith>[2] = {}) =>
		runWith(srv, { resource: 'share', ...parameters }, opts);
	const asBob = () => ({ store: storeFor(srv, BOB.email, BOB.password) });

	beforeEach(async () => {
		srv = await startServer({ port: 0 });
		srv.users.add({ email: BOB.email, password: BOB.password, group: 'user', nickname: 'Bob' });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('creates a public link to a file, ready to send, and others see it unlocked', async () => {
		const [created] = await run({ operation: 'create', source: byPath('/Documents/readme.md') });
		expect(created.json.url).toBe(`${srv.url}/s/${String(created.json.id)}`);
		expect(created.json.password).toBeUndefined();
		expect(created.json.source).toBe('cloudreve://my/Documents/readme.md');
		const [info] = await run({ operation: 'get', shareId: created.json.url }, asBob());
		expect(info.json).toMatchObject({ id: created.json.id, name: 'readme.md', unlocked: true, sourceType: 'file', expired: false });
		expect(info.json.owner).toMatchObject({ nickname: 'Demo' });
		expect(info.json.is_private).toBeUndefined();
		// The short link redirects to the web client's share view.
		const redirect = (await n8nHttpRequest({ method: 'GET', url: String(created.json.url), disableFollowRedirect: true, returnFullResponse: true, ignoreHttpStatusErrors: true })) as { statusCode: number; headers: Record<string, string> };
		expect(redirect.statusCode).toBe(302);
		expect(redirect.headers.location).toBe(`/home?path=${encodeURIComponent(`cloudreve://${String(created.json.id)}@share`)}`);
	});

	it('generates a password; others need it, a wrong one is refused, the link with it unlocks', async () => {
		const [created] = await run({ operation: 'create', source: byPath('/Documents'), passwordMode: 'generate' });
		const password = String(created.json.password);
		expect(password).toMatch(/^[a-z]{8}$/);
		expect(created.json.url).toBe(`${srv.url}/s/${String(created.json.id)}/${password}`);

		const [locked] = await run({ operation: 'get', shareId: created.json.id }, asBob());
		expect(locked.json).toMatchObject({ unlocked: false, password_protected: true, name: 'Documents', sourceType: 'folder' });
		expect(locked.json.password).toBeUndefined();
		expect(locked.json.url).toBe(`${srv.url}/s/${String(created.json.id)}`);

		const wrong = await errorOf(run({ operation: 'get', shareId: created.json.id, options: { password: 'wrongpass' } }, asBob()));
		expect(wrong.message).toBe('Incorrect share password');

		const [unlocked] = await run({ operation: 'get', shareId: created.json.id, options: { password } }, asBob());
		expect(unlocked.json).toMatchObject({ unlocked: true, password, downloaded: 0 });
		const [viaLink] = await run({ operation: 'get', shareId: created.json.url }, asBob());
		expect(viaLink.json.unlocked).toBe(true);
		const redirect = (await n8nHttpRequest({ method: 'GET', url: `${String(created.json.url)}?lang=en`, disableFollowRedirect: true, returnFullResponse: true, ignoreHttpStatusErrors: true })) as { statusCode: number; headers: Record<string, string> };
		expect(redirect.statusCode).toBe(302);
		expect(redirect.headers.location).toBe(`/home?path=${encodeURIComponent(`cloudreve://${String(created.json.id)}:${password}@share`)}&lang=en`);

		// Browsing through the share file system needs the password too (40069).
		const browse = await errorOf(
			runWith(srv, { resource: 'file', operation: 'list', folder: byUri(`cloudreve://${String(created.json.id)}:nope@share`), returnAll: true }, asBob()),
		);
		expect(browse.cloudreveCode).toBe(40069);
		const listed = await runWith(
			srv,
			{ resource: 'file', operation: 'list', folder: byUri(`cloudreve://${String(created.json.id)}:${password}@share`), returnAll: true },
			asBob(),
		);
		expect(listed.map((i) => i.json.name).sort()).toEqual(['Reports', 'readme.md']);
	});

	it('uses a given password and refuses one Cloudreve would not accept', async () => {
		const [created] = await run({ operation: 'create', source: byPath('/Photos/cat.jpg'), passwordMode: 'set', password: 'Secret42' });
		expect(created.json.password).toBe('Secret42');
		expect(String(created.json.url).endsWith('/Secret42')).toBe(true);
		const bad = await errorOf(run({ operation: 'create', source: byPath('/Photos/cat.jpg'), passwordMode: 'set', password: 'no spaces!' }));
		expect(bad.message).toBe('Share Password must be 1–32 letters or digits');
	});

	it('expires after the given seconds and at a date; an expired share is reported as such', async () => {
		const [soon] = await run({ operation: 'create', source: byPath('/Documents/readme.md'), expiry: 'seconds', expireSeconds: 1 });
		expect(Date.parse(String(soon.json.expires)) - Date.now()).toBeLessThanOrEqual(1000);
		const [live] = await run({ operation: 'get', shareId: soon.json.id });
		expect(live.json.expires).toBeDefined();
		await new Promise((r) => setTimeout(r, 1200));
		const expired = await errorOf(run({ operation: 'get', shareId: soon.json.id }, asBob()));
		expect(expired.cloudreveCode).toBe(404);
		expect(expired.description).toContain('Share link expired');

		const at = new Date(Date.now() + 3 * 86400_000).toISOString();
		const [dated] = await run({ operation: 'create', source: byPath('/Documents/readme.md'), expiry: 'date', expireAt: at });
		const [info] = await run({ operation: 'get', shareId: dated.json.id });
		expect(Math.abs(Date.parse(String(info.json.expires)) - Date.parse(at))).toBeLessThan(2000);
		const past = await errorOf(run({ operation: 'create', source: byPath('/Documents/readme.md'), expiry: 'date', expireAt: '2020-01-01T00:00:00Z' }));
		expect(past.message).toBe('Expiry Date is in the past');
	});

	it('counts downloads through the share and expires the link when the limit is used up', async () => {
		const [created] = await run({ operation: 'create', source: byPath('/Documents/readme.md'), options: { downloads: 2 } });
		expect(created.json.downloadsLimit).toBe(2);
		const shareFile = byUri(`cloudreve://${String(created.json.id)}@share/readme.md`);
		await runWith(srv, { resource: 'file', operation: 'getDownloadUrl', file: shareFile }, asBob());
		const [after1] = await run({ operation: 'get', shareId: created.json.id });
		expect(after1.json).toMatchObject({ remain_downloads: 1, downloaded: 1 });
		await runWith(srv, { resource: 'file', operation: 'getDownloadUrl', file: shareFile }, asBob());
		const gone = await errorOf(run({ operation: 'get', shareId: created.json.id }, asBob()));
		expect(gone.description).toContain('Share link expired');
		const [mine] = await run({ operation: 'list', returnAll: true });
		expect(mine.json).toMatchObject({ id: created.json.id, expired: true, remain_downloads: 0, downloaded: 2 });
		const noEdit = await errorOf(run({ operation: 'edit', shareId: created.json.id, updateFields: { downloads: 5 } }));
		expect(noEdit.message).toBe(`Share ${String(created.json.id)} does not exist or has expired`);
	});

	it('edits limits, expiry and flags but keeps the password; says so and refuses foreign shares', async () => {
		const [created] = await run({ operation: 'create', source: byPath('/Documents'), passwordMode: 'set', password: 'keepme1', options: { downloads: 5 } });
		const [edited] = await run({
			operation: 'edit',
			shareId: created.json.id,
			updateFields: { downloads: 9, expireSeconds: 3600, showReadme: true, shareView: true },
		});
		expect(edited.json).toMatchObject({ remain_downloads: 9, show_readme: true, share_view: true, password: 'keepme1', is_private: true, source_uri: 'cloudreve://my/Documents' });
		const [ownerView] = await run({ operation: 'get', shareId: created.json.id, options: { ownerExtended: true } }, asBob());
		expect(ownerView.json.source_uri).toBeUndefined();
		expect(edited.json.url).toBe(`${srv.url}/s/${String(created.json.id)}/keepme1`);
		expect(Date.parse(String(edited.json.expires)) - Date.now()).toBeGreaterThan(3500_000);
		// Fields not given keep their value; 0 removes a limit.
		const [again] = await run({ operation: 'edit', shareId: created.json.id, updateFields: { downloads: 0 } });
		expect(again.json.remain_downloads).toBeUndefined();
		expect(again.json.show_readme).toBe(true);
		expect(again.json.expires).toBeDefined();
		const [cleared] = await run({ operation: 'edit', shareId: created.json.id, updateFields: { expireSeconds: 0 } });
		expect(cleared.json.expires).toBeUndefined();

		const foreign = await errorOf(run({ operation: 'edit', shareId: created.json.id, updateFields: { downloads: 1 } }, asBob()));
		expect(foreign.message).toBe(`Share ${String(created.json.id)} is not one of your shares`);
		const notice = (await import('../../nodes/Cloudreve/actions/share/edit.operation')).description.find((p) => p.type === 'notice');
		expect(notice?.displayName).toContain('password');
	});

	it('lists my shares with Return All over several pages, Limit and order', async () => {
		for (let n = 0; n < 13; n++) await run({ operation: 'create', source: byPath('/Documents/readme.md') });
		const all = await run({ operation: 'list', returnAll: true, options: { pageSize: 10, orderDirection: 'asc' } });
		expect(all).toHaveLength(13);
		const ids = all.map((i) => String(i.json.id));
		expect(new Set(ids).size).toBe(13);
		expect(srv.requestLog.filter((r) => r.method === 'GET' && r.path === '/api/v4/share').length).toBe(2);
		const five = await run({ operation: 'list', returnAll: false, limit: 5 });
		expect(five).toHaveLength(5);
		expect(five.map((i) => String(i.json.id))).toEqual([...ids].reverse().slice(0, 5));
		await run({ operation: 'get', shareId: ids[3], options: { countViews: true } });
		const [top] = await run({ operation: 'list', returnAll: false, limit: 1, options: { orderBy: 'views', orderDirection: 'desc' } });
		expect(top.json).toMatchObject({ id: ids[3], visited: 1 });
	});

	it('deletes one share, and many in a batch that skips foreign IDs; a bad ID surfaces despite the doubled body', async () => {
		const [a] = await run({ operation: 'create', source: byPath('/Documents/readme.md') });
		const [b] = await run({ operation: 'create', source: byPath('/Photos/cat.jpg') });
		const [c] = await run({ operation: 'create', source: byPath('/Photos') });
		await runWith(srv, { resource: 'share', operation: 'create', source: byPath('/') }, asBob()).catch(() => undefined);
		const bobFile = srv.fs.put(BOB.email, '/bob.txt', 'bob');
		expect(bobFile).toBeDefined();
		const [bobs] = await run({ operation: 'create', source: byPath('/bob.txt') }, asBob());

		const [deleted] = await run({ operation: 'delete', shareId: a.json.url });
		expect(deleted.json).toEqual({ id: a.json.id, deleted: true });
		const missing = await errorOf(run({ operation: 'delete', shareId: a.json.id }));
		expect(missing.cloudreveCode).toBe(404);

		const [many] = await run({ operation: 'deleteMany', shareIds: `${String(b.json.id)}, ${String(c.json.url)}, ${String(bobs.json.id)}` });
		expect(many.json).toMatchObject({ ids: [b.json.id, c.json.id, bobs.json.id], deleted: true });
		expect(await run({ operation: 'list', returnAll: true })).toHaveLength(0);
		const [stillThere] = await run({ operation: 'get', shareId: bobs.json.id }, asBob());
		expect(stillThere.json.id).toBe(bobs.json.id);

		const bad = await errorOf(run({ operation: 'deleteMany', shareIds: 'zzzzzzzzzz' }));
		expect(bad.cloudreveCode).toBe(-1);
		expect(bad.description).toContain('Failed to parse object ID');
	});

	it("lists a user's public shares as the profile setting allows", async () => {
		const [open] = await run({ operation: 'create', source: byPath('/Documents/readme.md') });
		await run({ operation: 'create', source: byPath('/Photos'), passwordMode: 'generate' });
		const demoId = String((await runWith(srv, { resource: 'user', operation: 'getCurrent' }))[0].json.id);
		const publicOnly = await run({ operation: 'listUserShares', userId: demoId, returnAll: true }, asBob());
		expect(publicOnly.map((i) => i.json.id)).toEqual([open.json.id]);
		expect(publicOnly[0].json.unlocked).toBe(false);
		await runWith(srv, { resource: 'user', operation: 'updatePreferences', updateFields: { shareLinksInProfile: 'all_share' } });
		const all = await run({ operation: 'listUserShares', userId: demoId, returnAll: true }, asBob());
		expect(all).toHaveLength(2);
		expect(all.every((i) => i.json.password === undefined && i.json.remain_downloads === undefined)).toBe(true);
		await runWith(srv, { resource: 'user', operation: 'updatePreferences', updateFields: { shareLinksInProfile: 'hide_share' } });
		const hidden = await errorOf(run({ operation: 'listUserShares', userId: demoId, returnAll: true }, asBob()));
		expect(hidden.cloudreveCode).toBe(40001);
		expect(hidden.description).toContain('disabled share links');
	});

	it('reports per item with continueOnFail and pairs every output with its input', async () => {
		const [created] = await run({ operation: 'create', source: byPath('/Documents/readme.md') });
		const out = await run(
			{ operation: 'get', shareId: (i: number) => (i === 1 ? 'zzzzzzzzzz' : created.json.id) },
			{ items: items(3), continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.id).toBe(created.json.id);
		expect(String(out[1].json.error)).toContain('Cloudreve error 40001');
		expect(out[2].json.id).toBe(created.json.id);
		const strict = await errorOf(run({ operation: 'get', shareId: 'bad id!' }));
		expect(strict.message).toBe('"bad id!" is not a share ID');
	});
});
