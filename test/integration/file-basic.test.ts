// Issue 3, file and folder operations: create, rename, list with filters, search, get — against the test server.
import { DEMO, startServer, type TestServer } from '../server';
import { byId, byPath, byUri, demoStore, errorOf, fileRunner, TRICKY_NAMES } from './harness/files';

describe('file operations: create, rename, list, search, get', () => {
	let srv: TestServer;
	const run = fileRunner(() => srv);
	beforeEach(async () => {
		srv = await startServer({ port: 0 });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('creates an empty file with missing parents, returns the existing one, and fails with 40004 when asked', async () => {
		const [created] = await run({ operation: 'create', parentFolder: byPath('/New'), name: 'sub/notes.txt' });
		expect(created.json).toMatchObject({ name: 'notes.txt', type: 'file', path: '/New/sub/notes.txt', size: 0 });
		expect(srv.fs.get(DEMO.email, '/New/sub')?.type).toBe(1);
		const [again] = await run({ operation: 'create', parentFolder: byPath('/New'), name: 'sub/notes.txt' });
		expect(again.json.id).toBe(created.json.id);
		const err = await errorOf(run({ operation: 'create', parentFolder: byPath('/New'), name: 'sub/notes.txt', options: { errorIfExists: true } }));
		expect(err.cloudreveCode).toBe(40004);
		expect(err.message).toContain('already exists');
	});

	it('renames, refuses a taken name (40004) and a missing path (40016), and explains a bad new name', async () => {
		const [renamed] = await run({ operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'README.md' });
		expect(renamed.json).toMatchObject({ name: 'README.md', path: '/Documents/README.md' });
		expect(srv.fs.get(DEMO.email, '/Documents/readme.md')).toBeUndefined();
		const taken = await errorOf(run({ operation: 'rename', file: byPath('/Documents/README.md'), newName: 'Reports' }));
		expect(taken.cloudreveCode).toBe(40004);
		const missing = await errorOf(run({ operation: 'rename', file: byPath('/Documents/nope.md'), newName: 'x.md' }));
		expect(missing.cloudreveCode).toBe(40016);
		expect(missing.message).toContain('does not exist');
		const slash = await errorOf(run({ operation: 'rename', file: byPath('/Documents/README.md'), newName: 'a/b.md' }));
		expect(slash.message).toBe('New Name "a/b.md" contains "/"');
		expect(slash.description).toContain('Move');
		const illegal = await errorOf(run({ operation: 'rename', file: byPath('/Documents/README.md'), newName: 'a:b.md' }));
		expect(illegal.cloudreveCode).toBe(40052);
	});

	it('addresses items by ID (owner only) as well as by path and URI', async () => {
		const id = (await run({ operation: 'get', file: byPath('/Photos/cat.jpg'), options: {} }))[0].json.id as string;
		const [renamed] = await run({ operation: 'rename', file: byId(id), newName: 'kitten.jpg' });
		expect(renamed.json).toMatchObject({ id, path: '/Photos/kitten.jpg' });
		const bad = await errorOf(run({ operation: 'rename', file: byId('zzzz'), newName: 'x.jpg' }));
		expect(bad.cloudreveCode).toBe(40001);
		const empty = await errorOf(run({ operation: 'rename', file: byPath(' '), newName: 'x.jpg' }));
		expect(empty.message).toBe('"File" is empty');
	});

	it.each(TRICKY_NAMES)('round-trips the name %j through create, rename, list, search and get', async (name) => {
		const [created] = await run({ operation: 'create', parentFolder: byPath('/Tricky'), name });
		expect(created.json).toMatchObject({ name, path: `/Tricky/${name}` });
		const [renamed] = await run({ operation: 'rename', file: byPath(`/Tricky/${name}`), newName: `x ${name}` });
		expect(renamed.json.name).toBe(`x ${name}`);
		expect(srv.fs.get(DEMO.email, `/Tricky/x ${name}`)?.name).toBe(`x ${name}`);
		const listed = await run({ operation: 'list', folder: byPath('/Tricky'), returnAll: true });
		expect(listed.map((i) => i.json.name)).toEqual([`x ${name}`]);
		const [got] = await run({ operation: 'get', file: byUri(String(renamed.json.uri)), options: { simplify: true } });
		expect(got.json.path).toBe(`/Tricky/x ${name}`);
		const found = await run({ operation: 'search', searchBy: 'filters', folder: byPath('/'), name: `x ${name}`, returnAll: true });
		expect(found.map((i) => i.json.path)).toEqual([`/Tricky/x ${name}`]);
	});

	it('lists a folder with name, type and category filters, keeping only its own children', async () => {
		srv.fs.put(DEMO.email, '/Mixed/a.pdf', 'pdf');
		srv.fs.put(DEMO.email, '/Mixed/b.PDF', 'pdf');
		srv.fs.put(DEMO.email, '/Mixed/c.txt', 'txt');
		srv.fs.put(DEMO.email, '/Mixed/pic.png', 'png');
		srv.fs.put(DEMO.email, '/Mixed/deep/d.pdf', 'pdf');
		srv.fs.mkdir(DEMO.email, '/Mixed/pdfs');
		const list = async (filters: object, extra: object = {}) =>
			(await run({ operation: 'list', folder: byPath('/Mixed'), returnAll: true, filters, ...extra })).map((i) => i.json.name).sort();
		expect(await list({ name: '*.pdf' })).toEqual(['a.pdf', 'b.PDF']);
		expect(await list({ type: 'folder' })).toEqual(['deep', 'pdfs']);
		expect(await list({ name: 'pdf', type: 'file' })).toEqual(['a.pdf', 'b.PDF']);
		expect(await list({ category: 'image' })).toEqual(['pic.png']);
		expect(await list({ category: 'document' })).toEqual(['a.pdf', 'b.PDF', 'c.txt']);
		expect(await list({ name: '*.pdf' }, { returnAll: false, limit: 1 })).toHaveLength(1);
		const ordered = await run({ operation: 'list', folder: byPath('/Mixed'), returnAll: true, options: { orderBy: 'name', orderDirection: 'desc' } });
		expect(ordered.map((i) => i.json.name)).toEqual(['pdfs', 'deep', 'pic.png', 'c.txt', 'b.PDF', 'a.pdf']);
		const limited = await run({ operation: 'list', folder: byPath('/Mixed'), returnAll: false, limit: 2 });
		expect(limited).toHaveLength(2);
	});

	it('lists, gets and links files of a password-protected share by its URI', async () => {
		srv.fs.put(DEMO.email, '/Documents/notes.pdf', 'pdf');
		const [share] = await run({
			resource: 'share',
			operation: 'create',
			source: byPath('/Documents'),
			passwordMode: 'set',
			password: 'pw1',
			expiry: 'never',
			options: {},
		});
		const uri = `cloudreve://${String(share.json.id)}:${encodeURIComponent('pw1')}@share`;
		const all = await run({ operation: 'list', folder: byUri(uri), returnAll: true });
		expect(all.map((i) => i.json.name).sort()).toEqual(['Reports', 'notes.pdf', 'readme.md']);
		const [got] = await run({ operation: 'get', file: byUri(`${uri}/notes.pdf`), options: {} });
		expect(got.json).toMatchObject({ name: 'notes.pdf', size: 3 });
		const [url] = await run({ operation: 'getDownloadUrl', file: byUri(`${uri}/notes.pdf`) });
		expect(await (await fetch(String(url.json.url))).text()).toBe('pdf');
		srv.users.add({ email: 'visitor@cloudreve.test', password: 'visitor-password-1', group: 'user' });
		const visitor = { store: demoStore(srv, 'visitor@cloudreve.test', 'visitor-password-1') };
		expect(await run({ operation: 'list', folder: byUri(uri), returnAll: true }, visitor)).toHaveLength(3);
		const wrong = await errorOf(run({ operation: 'list', folder: byUri(`cloudreve://${String(share.json.id)}:nope@share`), returnAll: true }, visitor));
		expect(wrong.cloudreveCode).toBe(40069);
	});

	it('searches recursively by names (all/any, case), size range, dates, type and metadata', async () => {
		srv.fs.put(DEMO.email, '/S/Report-2026.pdf', 'x'.repeat(100));
		srv.fs.put(DEMO.email, '/S/deep/report-2025.pdf', 'x'.repeat(2000));
		srv.fs.put(DEMO.email, '/S/deep/summary.txt', 'x'.repeat(10));
		const tagged = srv.fs.put(DEMO.email, '/S/deep/tagged.txt', 'x');
		tagged.metadata['tag:invoice'] = '#ff0000';
		const search = async (name: string, filters: object = {}) =>
			(await run({ operation: 'search', searchBy: 'filters', folder: byPath('/S'), name, filters, returnAll: true })).map((i) => i.json.name).sort();
		expect(await search('report')).toEqual(['Report-2026.pdf', 'report-2025.pdf']);
		expect(await search('report', { caseSensitive: true })).toEqual(['report-2025.pdf']);
		expect(await search('2026', { moreNames: ['summary'], nameMatch: 'any' })).toEqual(['Report-2026.pdf', 'summary.txt']);
		expect(await search('2026', { moreNames: ['pdf'] })).toEqual(['Report-2026.pdf']);
		expect(await search('', { minSize: 50 })).toEqual(['Report-2026.pdf', 'report-2025.pdf']);
		expect(await search('', { minSize: 50, maxSize: 500 })).toEqual(['Report-2026.pdf']);
		expect(await search('', { maxSize: 10, type: 'file' })).toEqual(['summary.txt', 'tagged.txt']);
		expect(await search('', { metadataContains: { entry: [{ key: 'tag:invoice', value: '' }] } })).toEqual(['tagged.txt']);
		expect(await search('', { metadataEquals: { entry: [{ key: 'tag:invoice', value: '#FF0000' }] } })).toEqual([]);
		expect(await search('', { metadataEquals: { entry: [{ key: 'tag:invoice', value: '#ff0000' }] } })).toEqual(['tagged.txt']);
		expect(await search('', { type: 'folder' })).toEqual(['deep']);
		const future = new Date(Date.now() + 3_600_000).toISOString();
		expect(await search('', { createdAfter: future })).toEqual([]);
		expect(await search('report', { updatedBefore: future })).toHaveLength(2);
		const sent = srv.requestLog.filter((r) => r.path === '/api/v4/file' && String(r.query.uri).includes('size_gte'));
		expect(String(sent[sent.length - 1].query.uri)).toContain('size_lte=');
		const bad = await errorOf(search('', { minSize: 10, maxSize: 5 }));
		expect(bad.message).toContain('Minimum Size / Maximum Size');
		const none = await errorOf(run({ operation: 'search', searchBy: 'filters', folder: byPath('/S'), name: '', returnAll: true }));
		expect(none.message).toBe('No search criteria');
	});

	it('says clearly when full-text search is off (40019) and finds words when it is on', async () => {
		const off = await errorOf(run({ operation: 'search', searchBy: 'fullText', query: 'revenue', returnAll: true }));
		expect(off.message).toBe('Full-text search is not enabled on this Cloudreve site');
		(srv.state.ext.fileOps as { ftsEnabled: boolean }).ftsEnabled = true;
		for (let n = 0; n < 7; n++) srv.fs.put(DEMO.email, `/fts/${n}.txt`, `line ${n}: revenue grew`);
		const hits = await run({ operation: 'search', searchBy: 'fullText', query: 'REVENUE', returnAll: true });
		expect(hits).toHaveLength(8);
		expect(hits.every((h) => String(h.json.content).toLowerCase().includes('revenue'))).toBe(true);
		const limited = await run({ operation: 'search', searchBy: 'fullText', query: 'revenue', returnAll: false, limit: 6 });
		expect(limited).toHaveLength(6);
	});

	it('gets a file with extended info (versions, direct links) and a folder with its summary', async () => {
		srv.fs.put(DEMO.email, '/Documents/readme.md', 'second version');
		await run({ operation: 'createDirectLink', file: byPath('/Documents/readme.md') });
		const [file] = await run({ operation: 'get', file: byPath('/Documents/readme.md'), options: { extended: true } });
		const info = file.json.extended_info as { entities: Array<{ type: number }>; direct_links: Array<{ url: string }> };
		expect(info.entities.filter((e) => e.type === 0)).toHaveLength(2);
		expect(info.direct_links[0].url).toContain('/f/');
		const [folder] = await run({ operation: 'get', file: byPath('/Documents'), options: { folderSummary: true } });
		expect(folder.json.folder_summary).toMatchObject({ files: 2, folders: 1, completed: true });
	});
});
