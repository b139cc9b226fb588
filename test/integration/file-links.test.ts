// Issue 3: download URLs (signed content route with Range, zip archives, redirect), thumbnails, archive listing
// and direct links — URLs are fetched for real.
import { strToU8, unzipSync, zipSync } from 'fflate';

import { DEMO, startServer, type TestServer } from '../server';
import { byPath, demoStore, errorOf, fileRunner, TRICKY_NAMES } from './harness/files';

describe('file operations: download URLs, thumbnails, archives, direct links', () => {
	let srv: TestServer;
	const run = fileRunner(() => srv);
	beforeEach(async () => {
		srv = await startServer({ port: 0 });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('gets signed download URLs that work without a token, support Range and honour Force Download', async () => {
		const [out] = await run({ operation: 'getDownloadUrl', file: byPath('/Documents/Reports/q1.csv') });
		expect(out.json).toMatchObject({ uri: 'cloudreve://my/Documents/Reports/q1.csv', name: 'q1.csv' });
		expect(Date.parse(String(out.json.expires))).toBeGreaterThan(Date.now() + 3_000_000);
		const url = String(out.json.url);
		const whole = await fetch(url);
		expect(whole.status).toBe(200);
		expect(await whole.text()).toBe('month,revenue\njan,100\nfeb,120\nmar,140\n');
		expect(whole.headers.get('content-disposition')).toMatch(/^inline/);
		const part = await fetch(url, { headers: { Range: 'bytes=6-12' } });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe('bytes 6-12/38');
		expect(await part.text()).toBe('revenue');
		const tail = await fetch(url, { headers: { Range: 'bytes=-4' } });
		expect(await tail.text()).toBe('140\n');
		expect((await fetch(url.replace(/sign=[^&]+/, 'sign=forged%3A9999999999'))).status).toBe(200);
		const forged = (await (await fetch(url.replace(/sign=[^&]+/, 'sign=forged%3A9999999999'))).json()) as { code: number };
		expect(forged.code).toBe(40071);
		const head = await fetch(url, { method: 'HEAD' });
		expect(head.headers.get('content-length')).toBe('38');
		expect((await fetch(url, { headers: { Range: 'bytes=50-60' } })).status).toBe(416);
		const [attachment] = await run({ operation: 'getDownloadUrl', file: byPath('/Documents/Reports/q1.csv'), options: { download: true } });
		expect((await fetch(String(attachment.json.url))).headers.get('content-disposition')).toMatch(/^attachment; filename="q1.csv"/);
	});

	it('returns one URL per file in order and refuses folders unless zipped (40077)', async () => {
		const out = await run({ operation: 'getDownloadUrl', file: byPath('/Documents/readme.md'), options: { additionalItems: ['/Photos/cat.jpg'] } });
		expect(out.map((o) => o.json.name)).toEqual(['readme.md', 'cat.jpg']);
		expect((await (await fetch(String(out[1].json.url))).arrayBuffer()).byteLength).toBe(22);
		const folder = await errorOf(run({ operation: 'getDownloadUrl', file: byPath('/Documents') }));
		expect(folder.cloudreveCode).toBe(40077);
		const skipped = await run({ operation: 'getDownloadUrl', file: byPath('/Documents'), options: { additionalItems: ['/Photos/cat.jpg'], skipError: true } });
		expect(skipped[0].json.error).toBeDefined();
		expect(skipped[1].json.url).toBeDefined();
		const version = await errorOf(run({ operation: 'getDownloadUrl', file: byPath('/Documents'), options: { additionalItems: ['/Photos/cat.jpg'], version: 'abc' } }));
		expect(version.message).toBe('Version ID works with a single file only');
	});

	it('downloads an older version by its ID', async () => {
		srv.fs.put(DEMO.email, '/v.txt', 'one');
		srv.fs.put(DEMO.email, '/v.txt', 'two');
		const [info] = await run({ operation: 'get', file: byPath('/v.txt'), options: { extended: true } });
		const first = (info.json.extended_info as { entities: Array<{ id: string }> }).entities[0].id;
		const [old] = await run({ operation: 'getDownloadUrl', file: byPath('/v.txt'), options: { version: first } });
		expect(await (await fetch(String(old.json.url))).text()).toBe('one');
		const [current] = await run({ operation: 'getDownloadUrl', file: byPath('/v.txt') });
		expect(await (await fetch(String(current.json.url))).text()).toBe('two');
	});

	it('zips files and folders into one archive URL (real zip), which the User group may not do (40007)', async () => {
		const [out] = await run({ operation: 'getDownloadUrl', file: byPath('/Documents'), options: { archive: true, additionalItems: ['/Photos/cat.jpg'] } });
		expect(out.json.archive).toBe(true);
		const res = await fetch(String(out.json.url));
		expect(res.headers.get('content-type')).toBe('application/zip');
		const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
		expect(Object.keys(entries).sort()).toEqual(['Documents/Reports/q1.csv', 'Documents/readme.md', 'cat.jpg']);
		expect(Buffer.from(entries['Documents/Reports/q1.csv']).toString()).toContain('jan,100');
		srv.users.add({ email: 'plain@cloudreve.test', password: 'plain-password-1', group: 'user' });
		srv.fs.put('plain@cloudreve.test', '/a.txt', 'a');
		const denied = await errorOf(
			run({ operation: 'getDownloadUrl', file: byPath('/a.txt'), options: { archive: true } }, { store: demoStore(srv, 'plain@cloudreve.test', 'plain-password-1') }),
		);
		expect(denied.cloudreveCode).toBe(40007);
	});

	it.each(TRICKY_NAMES)('downloads %j through its signed URL with the exact name', async (name) => {
		srv.fs.put(DEMO.email, `/t/${name}`, `content of ${name}`);
		const [out] = await run({ operation: 'getDownloadUrl', file: byPath(`/t/${name}`), options: { download: true } });
		const res = await fetch(String(out.json.url));
		expect(await res.text()).toBe(`content of ${name}`);
		expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
	});

	it('gets a thumbnail URL for an image and 40077 for a folder or a file without thumbnail', async () => {
		const [thumb] = await run({ operation: 'getThumbnailUrl', file: byPath('/Photos/cat.jpg') });
		const res = await fetch(String(thumb.json.url));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/jpeg');
		for (const path of ['/Photos', '/Documents/readme.md']) {
			const err = await errorOf(run({ operation: 'getThumbnailUrl', file: byPath(path) }));
			expect(err.cloudreveCode).toBe(40077);
		}
	});

	it('lists a real zip archive, decodes GBK names on request, and refuses 7z, folders and the User group', async () => {
		const zip = zipSync({ 'docs/a.txt': strToU8('hello'), 'docs/empty/': new Uint8Array(0), 'b 🎉.bin': new Uint8Array(1000) });
		srv.fs.put(DEMO.email, '/arch.zip', Buffer.from(zip));
		const entries = await run({ operation: 'listArchive', file: byPath('/arch.zip') });
		expect(entries.map((e) => [e.json.name, e.json.type, e.json.size])).toEqual([
			['docs/a.txt', 'file', 5],
			['docs/empty', 'folder', 0],
			['b 🎉.bin', 'file', 1000],
		]);
		expect(String(entries[0].json.updated_at)).toMatch(/^\d{4}-\d\d-\d\dT/);
		// A zip made on a Chinese Windows: the name is GBK bytes without the UTF-8 flag.
		const gbkName = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2e, 0x74, 0x78, 0x74]);
		const raw = Buffer.from(zipSync({ 'XXXXXXXX': strToU8('x') }));
		for (let i = raw.indexOf('XXXXXXXX'); i >= 0; i = raw.indexOf('XXXXXXXX', i + 1)) gbkName.copy(raw, i);
		srv.fs.put(DEMO.email, '/gbk.zip', raw);
		const [gbk] = await run({ operation: 'listArchive', file: byPath('/gbk.zip'), options: { textEncoding: 'gbk' } });
		expect(gbk.json.name).toBe('中文.txt');
		srv.fs.put(DEMO.email, '/a.7z', Buffer.from('7z\xbc\xaf\x27\x1c', 'latin1'));
		expect((await errorOf(run({ operation: 'listArchive', file: byPath('/a.7z') }))).cloudreveCode).toBe(403);
		expect((await errorOf(run({ operation: 'listArchive', file: byPath('/Documents') }))).cloudreveCode).toBe(403);
		srv.users.add({ email: 'plain@cloudreve.test', password: 'plain-password-1', group: 'user' });
		srv.fs.put('plain@cloudreve.test', '/arch.zip', Buffer.from(zip));
		const denied = await errorOf(run({ operation: 'listArchive', file: byPath('/arch.zip') }, { store: demoStore(srv, 'plain@cloudreve.test', 'plain-password-1') }));
		expect(denied.cloudreveCode).toBe(40007);
	});

	it('creates direct links that redirect to the bytes, lists them, and deletes them by URL or ID', async () => {
		const links = await run({ operation: 'createDirectLink', file: byPath('/Documents/readme.md'), options: { additionalItems: ['/Photos/cat.jpg'] } });
		expect(links.map((l) => l.json.name)).toEqual(['readme.md', 'cat.jpg']);
		const link = String(links[0].json.link);
		expect(link).toMatch(new RegExp(`^${srv.url}/f/[A-Za-z0-9]+/readme\\.md$`));
		const again = await run({ operation: 'createDirectLink', file: byPath('/Documents/readme.md') });
		expect(again[0].json.link).toBe(link);
		const followed = await fetch(link);
		expect(followed.status).toBe(200);
		expect(await followed.text()).toContain('# Demo');
		const manual = await fetch(String(links[0].json.downloadLink), { redirect: 'manual' });
		expect(manual.status).toBe(302);
		expect(manual.headers.get('location')).toContain('download=true');
		const [info] = await run({ operation: 'get', file: byPath('/Documents/readme.md'), options: { extended: true } });
		expect((info.json.extended_info as { direct_links: Array<{ downloaded: number }> }).direct_links[0].downloaded).toBe(2);
		await run({ operation: 'deleteDirectLink', directLink: link });
		expect((await fetch(link)).status).toBe(404);
		await run({ operation: 'deleteDirectLink', directLink: String(links[1].json.id) });
		const gone = await errorOf(run({ operation: 'deleteDirectLink', directLink: String(links[1].json.id) }));
		expect(gone.cloudreveCode).toBe(404);
		const bad = await errorOf(run({ operation: 'deleteDirectLink', directLink: 'https://example.com/nothing' }));
		expect(bad.message).toContain('is neither a direct link URL nor an ID');
	});

	it('returns the links that worked alongside the failures of a 40081 direct-link batch', async () => {
		const failing = await errorOf(run({ operation: 'createDirectLink', file: byPath('/Documents/readme.md'), options: { additionalItems: ['/Documents', '/nope'] } }));
		expect(failing.cloudreveCode).toBe(40081);
		const out = await run({
			operation: 'createDirectLink',
			file: byPath('/Documents/readme.md'),
			options: { additionalItems: ['/Documents', '/nope'], continueOnPartialFailure: true },
		});
		expect(out[0].json.link).toContain('/f/');
		expect(out.slice(1).map((o) => [o.json.uri, o.json.code])).toEqual([
			['cloudreve://my/Documents', 40077],
			['cloudreve://my/nope', 40016],
		]);
	});
});
