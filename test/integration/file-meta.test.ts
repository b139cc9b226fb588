// Issue 3: metadata (tags, custom properties), versions, pins, view settings, viewer sessions and the [Pro]
// file endpoints on a community and on a Pro server.
import { DEMO, startServer, type TestServer } from '../server';
import { lockPath } from '../server/routes/file-ops';
import { encodeId, IdType } from '../server/hashid';
import { runNode } from './harness/context';
import { byPath, byUri, demoStore, errorOf, fileRunner, node } from './harness/files';

describe('file operations: metadata, versions, pins, views, viewer sessions', () => {
	let srv: TestServer;
	const run = fileRunner(() => srv);
	beforeEach(async () => {
		srv = await startServer({ port: 0 });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('sets and removes tags (with colour), custom properties and customize keys on several items', async () => {
		const [out] = await run({
			operation: 'updateMetadata',
			file: byPath('/Documents/readme.md'),
			setTags: { tag: [{ name: 'invoice', color: '#e91e63' }, { name: 'todo', color: '' }] },
			setProperties: { property: [{ id: 'rating', value: '4' }, { id: 'props:description', value: 'The demo readme' }] },
			removeTags: [],
			removeProperties: [],
			options: { additionalItems: ['/Photos/cat.jpg'], setOther: { entry: [{ key: 'customize:icon_color', value: '#123456' }] } },
		});
		expect(out.json).toMatchObject({ success: true, updated: ['cloudreve://my/Documents/readme.md', 'cloudreve://my/Photos/cat.jpg'] });
		expect(srv.fs.get(DEMO.email, '/Photos/cat.jpg')!.metadata).toMatchObject({
			'tag:invoice': '#e91e63',
			'tag:todo': '',
			'props:rating': '4',
			'props:description': 'The demo readme',
			'customize:icon_color': '#123456',
		});
		await run({
			operation: 'updateMetadata',
			file: byPath('/Photos/cat.jpg'),
			setTags: {},
			setProperties: {},
			removeTags: ['todo'],
			removeProperties: ['rating'],
			options: { removeOther: ['customize:icon_color'] },
		});
		const meta = srv.fs.get(DEMO.email, '/Photos/cat.jpg')!.metadata;
		expect(Object.keys(meta).sort()).toEqual(['props:description', 'tag:invoice']);
		const found = await run({
			operation: 'search',
			searchBy: 'filters',
			folder: byPath('/'),
			name: '',
			filters: { metadataContains: { entry: [{ key: 'tag:invoice', value: '' }] } },
			returnAll: true,
		});
		expect(found.map((f) => f.json.name).sort()).toEqual(['cat.jpg', 'readme.md']);
	});

	it('reports invalid metadata with Cloudreve\'s reason (40001) and empty input with the field to fill', async () => {
		const base = { operation: 'updateMetadata', file: byPath('/Photos/cat.jpg'), setTags: {}, removeTags: [], removeProperties: [] };
		const unknownProp = await errorOf(run({ ...base, setProperties: { property: [{ id: 'colour', value: 'x' }] } }));
		expect(unknownProp.cloudreveCode).toBe(40001);
		expect(unknownProp.description).toContain('unkown custom props');
		const badRating = await errorOf(run({ ...base, setProperties: { property: [{ id: 'rating', value: '9' }] } }));
		expect(badRating.cloudreveCode).toBe(40001);
		const badColor = await errorOf(run({ ...base, setProperties: {}, setTags: { tag: [{ name: 'x', color: 'red!' }] } }));
		expect(badColor.cloudreveCode).toBe(40001);
		const noNamespace = await errorOf(run({ ...base, setProperties: {}, options: { setOther: { entry: [{ key: 'color', value: 'x' }] } } }));
		expect(noNamespace.message).toContain('needs a namespace');
		const nothing = await errorOf(run({ ...base, setProperties: {} }));
		expect(nothing.message).toBe('Nothing to change');
	});

	it('honours locks on metadata changes and force-unlocks them', async () => {
		const token = lockPath(srv.state, DEMO.email, '/Photos/cat.jpg');
		const base = { operation: 'updateMetadata', file: byPath('/Photos/cat.jpg'), setTags: { tag: [{ name: 'x', color: '' }] }, setProperties: {}, removeTags: [], removeProperties: [] };
		const err = await errorOf(run(base));
		expect(err.cloudreveCode).toBe(40073);
		expect(err.description).toContain(`token ${token} — held by dav`);
		await run({ ...base, options: { ifLocked: 'forceUnlock' } });
		expect(srv.fs.get(DEMO.email, '/Photos/cat.jpg')!.metadata['tag:x']).toBe('');
	});

	it('sets the current version and deletes an old one, but never the current one (403)', async () => {
		srv.fs.put(DEMO.email, '/v.txt', 'one');
		srv.fs.put(DEMO.email, '/v.txt', 'two');
		const [info] = await run({ operation: 'get', file: byPath('/v.txt'), options: { extended: true } });
		const [first, second] = (info.json.extended_info as { entities: Array<{ id: string }> }).entities.map((e) => e.id);
		const [set] = await run({ operation: 'setCurrentVersion', file: byPath('/v.txt'), version: first });
		expect(set.json).toMatchObject({ name: 'v.txt', version: first, size: 3 });
		expect(srv.fs.read(DEMO.email, '/v.txt').toString()).toBe('one');
		const current = await errorOf(run({ operation: 'deleteVersion', file: byPath('/v.txt'), version: first }));
		expect(current.cloudreveCode).toBe(403);
		const [deleted] = await run({ operation: 'deleteVersion', file: byPath('/v.txt'), version: second });
		expect(deleted.json).toEqual({ success: true, uri: 'cloudreve://my/v.txt', deletedVersion: second });
		const missing = await errorOf(run({ operation: 'setCurrentVersion', file: byPath('/v.txt'), version: second }));
		expect(missing.cloudreveCode).toBe(40077);
		const empty = await errorOf(run({ operation: 'setCurrentVersion', file: byPath('/v.txt'), version: ' ' }));
		expect(empty.message).toBe('Version ID is empty');
	});

	it('pins and unpins items and searches, with a label; another label for the same URI is 40004', async () => {
		await run({ operation: 'pin', file: byPath('/Documents'), options: { name: 'Docs' } });
		await run({ operation: 'pin', file: byUri('cloudreve://my?name=*.pdf&type=file'), options: {} });
		expect(srv.users.get(DEMO.email)!.pined).toEqual([{ uri: 'cloudreve://my/Documents', name: 'Docs' }, { uri: 'cloudreve://my?name=*.pdf&type=file' }]);
		await run({ operation: 'pin', file: byPath('/Documents'), options: { name: 'Docs' } });
		const clash = await errorOf(run({ operation: 'pin', file: byPath('/Documents'), options: { name: 'Other' } }));
		expect(clash.cloudreveCode).toBe(40004);
		const [out] = await run({ operation: 'unpin', file: byPath('/Documents') });
		expect(out.json).toEqual({ success: true, unpinned: 'cloudreve://my/Documents' });
		expect(srv.users.get(DEMO.email)!.pined).toHaveLength(1);
	});

	it('saves a complete folder view, resets it, and validates the fields Cloudreve would refuse', async () => {
		const [out] = await runNode(node, {
			parameters: { resource: 'folder', operation: 'updateView', folder: byPath('/Photos'), reset: false, layout: 'gallery', orderBy: 'size', orderDirection: 'desc', pageSize: 60, options: { galleryWidth: 300 } },
			store: demoStore(srv),
		});
		expect(out[0].json.success).toBe(true);
		expect(srv.fs.get(DEMO.email, '/Photos')!.view).toEqual({ page_size: 60, order: 'size', order_direction: 'desc', view: 'gallery', thumbnail: true, gallery_width: 300 });
		const [listed] = await run({ operation: 'get', file: byPath('/Photos'), options: { extended: true } });
		expect((listed.json.extended_info as { view: object }).view).toMatchObject({ view: 'gallery' });
		await runNode(node, { parameters: { resource: 'folder', operation: 'updateView', folder: byUri('cloudreve://trash'), reset: false, layout: 'list', orderBy: 'name', orderDirection: 'asc', pageSize: 100, options: {} }, store: demoStore(srv) });
		expect(srv.users.get(DEMO.email)!.views.trash).toMatchObject({ view: 'list' });
		await runNode(node, { parameters: { resource: 'folder', operation: 'updateView', folder: byPath('/Photos'), reset: true }, store: demoStore(srv) });
		expect(srv.fs.get(DEMO.email, '/Photos')!.view).toBeUndefined();
		const small = await errorOf(
			runNode(node, { parameters: { resource: 'folder', operation: 'updateView', folder: byPath('/Photos'), reset: false, layout: 'grid', orderBy: 'name', orderDirection: 'asc', pageSize: 10, options: {} }, store: demoStore(srv) }),
		);
		expect(small.message).toBe('Page Size must be a whole number of at least 50 (got 10)');
	});

	it('creates a viewer session for a known viewer, and refuses an unknown viewer (40001) and a folder (403)', async () => {
		const [out] = await run({ operation: 'createViewerSession', file: byPath('/Documents/readme.md'), viewerId: 'markdown', preferredAction: 'edit', options: {} });
		expect(out.json).toMatchObject({ uri: 'cloudreve://my/Documents/readme.md', viewerId: 'markdown' });
		expect(String(out.json.accessToken)).toMatch(new RegExp(`^${String(out.json.sessionId)}\\.`));
		expect(Date.parse(String(out.json.expires))).toBeGreaterThan(Date.now() + 35_000_000);
		const unknown = await errorOf(run({ operation: 'createViewerSession', file: byPath('/Documents/readme.md'), viewerId: 'nope', preferredAction: 'view', options: {} }));
		expect(unknown.cloudreveCode).toBe(40001);
		expect(unknown.description).toContain('unknown viewer id');
		const folder = await errorOf(run({ operation: 'createViewerSession', file: byPath('/Documents'), viewerId: 'pdf', preferredAction: 'view', options: {} }));
		expect(folder.cloudreveCode).toBe(403);
	});

	it('answers the [Pro] operations on a community server with "needs Cloudreve Pro"', async () => {
		const cases = [
			{ operation: 'setPermission', file: byPath('/Documents'), permissions: { everyone: 'Dw==' }, options: {} },
			{ operation: 'deletePermission', file: byPath('/Documents'), options: {} },
			{ operation: 'listActivities', file: byPath('/Documents'), returnAll: true },
		];
		for (const parameters of cases) {
			const err = await errorOf(run(parameters));
			expect(err.message).toBe('This operation needs Cloudreve Pro (or a newer server)');
		}
		const mount = await errorOf(
			runNode(node, { parameters: { resource: 'folder', operation: 'mountStoragePolicy', folder: byPath('/Documents'), policyId: 'x', options: {} }, store: demoStore(srv) }),
		);
		expect(mount.message).toBe('This operation needs Cloudreve Pro (or a newer server)');
	});
});

describe('[Pro] file operations on a Pro server', () => {
	let srv: TestServer;
	const run = fileRunner(() => srv);
	beforeEach(async () => {
		srv = await startServer({ port: 0, pro: true });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('sets, shows and deletes a permission setting, mounts a policy, and lists activities', async () => {
		const me = srv.users.get(DEMO.email)!;
		const userHash = encodeId(me.id, IdType.User);
		const [set] = await run({
			operation: 'setPermission',
			file: byPath('/Documents'),
			permissions: { everyone: 'Dw==', anonymous: 'Aw==', userExplicit: JSON.stringify({ [userHash]: 'Dw==' }) },
			options: {},
		});
		expect(set.json.setting).toEqual({ user_explicit: { [userHash]: 'Dw==' }, anonymous: 'Aw==', everyone: 'Dw==' });
		const [info] = await run({ operation: 'get', file: byPath('/Documents'), options: { extended: true } });
		expect((info.json.extended_info as { permissions: object }).permissions).toMatchObject({ everyone: 'Dw==' });
		const badJson = await errorOf(run({ operation: 'setPermission', file: byPath('/Documents'), permissions: { userExplicit: '{nope' }, options: {} }));
		expect(badJson.message).toBe('User Rules (JSON) is not valid JSON');
		await run({ operation: 'deletePermission', file: byPath('/Documents'), options: {} });
		const [after] = await run({ operation: 'get', file: byPath('/Documents'), options: { extended: true } });
		expect((after.json.extended_info as { permissions?: object }).permissions).toBeUndefined();
		const policy = encodeId(1, IdType.Policy);
		const [mounted] = await runNode(node, {
			parameters: { resource: 'folder', operation: 'mountStoragePolicy', folder: byPath('/Documents'), policyId: policy, options: {} },
			store: demoStore(srv),
		});
		expect(mounted[0].json).toEqual({ success: true, uri: 'cloudreve://my/Documents', policyId: policy });
		await run({ operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'r.md' });
		await run({ operation: 'move', file: byPath('/Documents/r.md'), destination: byPath('/Photos') });
		const activities = await run({ operation: 'listActivities', file: byPath('/Photos/r.md'), returnAll: true });
		expect(activities.map((a) => (a.json.content as { type: string }).type)).toEqual(['move_to', 'file_rename']);
		const one = await run({ operation: 'listActivities', file: byPath('/Photos/r.md'), returnAll: false, limit: 1 });
		expect(one).toHaveLength(1);
	});
});
