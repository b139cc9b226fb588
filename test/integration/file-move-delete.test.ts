// Issue 3: move, copy, delete, restore and empty trash — batches (40081), locks (40073), partial failures,
// per-item runs with continueOnFail.
import { DEMO, startServer, type TestServer } from '../server';
import { lockPath } from '../server/routes/file-ops';
import { existsSync } from 'fs';

import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchTrash } from '../../nodes/Cloudreve/methods/listSearchTrash';
import { makeExecuteContext } from './harness/context';
import { byPath, byUri, demoStore, errorOf, fileRunner, items, node } from './harness/files';

describe('file operations: move, copy, delete, restore, empty trash', () => {
	let srv: TestServer;
	const run = fileRunner(() => srv);
	beforeEach(async () => {
		srv = await startServer({ port: 0 });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('moves several sources into one folder and reports where each landed', async () => {
		const out = await run({
			operation: 'move',
			file: byPath('/Documents/readme.md'),
			destination: byPath('/Photos'),
			options: { additionalItems: ['/Documents/Reports', 'cloudreve://my/Documents'] },
		});
		expect(out.map((o) => o.json.path)).toEqual(['/Photos/readme.md', '/Photos/Reports', '/Photos/Documents']);
		expect(srv.fs.list(DEMO.email, '/Photos').map((f) => f.name)).toEqual(['Documents', 'Reports', 'cat.jpg', 'readme.md']);
		expect(srv.fs.get(DEMO.email, '/Photos/Reports/q1.csv')).toBeDefined();
	});

	it('copies (many sources from a multi-line expression) and leaves the originals', async () => {
		const out = await run({
			operation: 'copy',
			file: byPath('/Documents/readme.md'),
			destination: byPath('/Photos'),
			options: { additionalItems: '/Documents/Reports\n/Documents/Reports/q1.csv' },
		});
		expect(out).toHaveLength(3);
		expect(srv.fs.read(DEMO.email, '/Photos/q1.csv').toString()).toBe(srv.fs.read(DEMO.email, '/Documents/Reports/q1.csv').toString());
		expect(srv.fs.get(DEMO.email, '/Documents/readme.md')).toBeDefined();
		expect(srv.fs.get(DEMO.email, '/Photos/Reports/q1.csv')).toBeDefined();
	});

	it('runs once per input item, each with its own source, and pairs outputs with inputs', async () => {
		const sources = ['/Documents/readme.md', '/Photos/cat.jpg'];
		const out = await run(
			{ operation: 'copy', file: (i: number) => byPath(sources[i]), destination: byPath('/Documents/Reports') },
			{ items: items(2) },
		);
		expect(out.map((o) => [o.json.path, o.pairedItem])).toEqual([
			['/Documents/Reports/readme.md', { item: 0 }],
			['/Documents/Reports/cat.jpg', { item: 1 }],
		]);
	});

	it('unwraps a single failed URI (40016, 40004) and lists every failed URI of a batch (40081)', async () => {
		const missing = await errorOf(run({ operation: 'move', file: byPath('/nope.txt'), destination: byPath('/Photos') }));
		expect(missing.cloudreveCode).toBe(40016);
		srv.fs.put(DEMO.email, '/Photos/readme.md', 'clash');
		const clash = await errorOf(run({ operation: 'move', file: byPath('/Documents/readme.md'), destination: byPath('/Photos') }));
		expect(clash.cloudreveCode).toBe(40004);
		const batch = await errorOf(
			run({ operation: 'move', file: byPath('/Documents/readme.md'), destination: byPath('/Photos'), options: { additionalItems: ['/nope.txt', '/Documents/Reports'] } }),
		);
		expect(batch.cloudreveCode).toBe(40081);
		expect(batch.description).toContain('cloudreve://my/Documents/readme.md: An item with that name already exists (code 40004');
		expect(batch.description).toContain('cloudreve://my/nope.txt: The path does not exist (code 40016');
		expect(batch.description).not.toContain('Reports:');
		expect(srv.fs.get(DEMO.email, '/Photos/Reports')).toBeDefined();
		const into = await errorOf(run({ operation: 'move', file: byPath('/Photos'), destination: byPath('/Photos/Reports') }));
		expect(into.cloudreveCode).toBe(403);
	});

	it('with Continue on Partial Failure, outputs what worked and lists what failed', async () => {
		const out = await run({
			operation: 'delete',
			file: byPath('/Documents/readme.md'),
			permanently: false,
			options: { additionalItems: ['/ghost-1.txt', '/ghost 2.txt'], continueOnPartialFailure: true },
		});
		expect(out[0].json).toMatchObject({ success: false, deleted: ['cloudreve://my/Documents/readme.md'] });
		expect((out[0].json.failed as Array<{ uri: string; code: number }>).map((f) => [f.uri, f.code])).toEqual([
			['cloudreve://my/ghost-1.txt', 40016],
			['cloudreve://my/ghost%202.txt', 40016],
		]);
	});

	it('deletes to the trash, restores by trash URI and by original path, and deletes trash items permanently', async () => {
		const [deleted] = await run({ operation: 'delete', file: byPath('/Documents/readme.md'), permanently: false, options: { additionalItems: ['/Photos/cat.jpg'] } });
		expect(deleted.json).toMatchObject({ success: true, permanently: false });
		expect(srv.fs.trash(DEMO.email)).toHaveLength(2);
		const trash = await run({ operation: 'list', folder: byUri('cloudreve://trash'), returnAll: true });
		const cat = trash.find((t) => t.json.name === 'cat.jpg')!;
		const [restored] = await run({ operation: 'restore', file: byUri(String(cat.json.uri)) });
		expect(restored.json).toMatchObject({ success: true });
		expect(srv.fs.get(DEMO.email, '/Photos/cat.jpg')).toBeDefined();
		const [byOrigin] = await run({ operation: 'restore', file: byPath('/Documents/readme.md') });
		expect(byOrigin.json.restored).toHaveLength(1);
		expect(srv.fs.read(DEMO.email, '/Documents/readme.md').toString()).toContain('# Demo');
		const notThere = await errorOf(run({ operation: 'restore', file: byPath('/Documents/readme.md') }));
		expect(notThere.message).toBe('Nothing in the trash came from cloudreve://my/Documents/readme.md');
		// A trash item is deleted permanently even without the switch (the server refuses a soft delete there).
		await run({ operation: 'delete', file: byPath('/Photos/cat.jpg'), permanently: false });
		const [inTrash] = await run({ operation: 'list', folder: byUri('cloudreve://trash'), returnAll: true });
		await run({ operation: 'delete', file: byUri(String(inTrash.json.uri)), permanently: false });
		expect(srv.fs.trash(DEMO.email)).toHaveLength(0);
	});

	it('browses the trash for Restore by original path, with a name filter', async () => {
		await run({ operation: 'delete', file: byPath('/Documents/readme.md'), permanently: false, options: { additionalItems: ['/Photos'] } });
		const ctx = makeExecuteContext(node, { parameters: {}, store: demoStore(srv) }) as unknown as ILoadOptionsFunctions;
		const all = await searchTrash.call(ctx);
		expect(all.results.map((r) => r.name).sort()).toEqual(['/Documents/readme.md', '/Photos/']);
		expect(all.results.every((r) => String(r.value).startsWith('cloudreve://trash/'))).toBe(true);
		const filtered = await searchTrash.call(ctx, 'README');
		expect(filtered.results.map((r) => r.name)).toEqual(['/Documents/readme.md']);
		const [restored] = await run({ operation: 'restore', file: { __rl: true, mode: 'list', value: filtered.results[0].value } });
		expect(restored.json.success).toBe(true);
		expect(srv.fs.get(DEMO.email, '/Documents/readme.md')).toBeDefined();
	});

	it('restores into a folder that is gone with 40016 and onto a taken name with 40004', async () => {
		await run({ operation: 'delete', file: byPath('/Documents/Reports/q1.csv'), permanently: false });
		await run({ operation: 'delete', file: byPath('/Documents/Reports'), permanently: true });
		const gone = await errorOf(run({ operation: 'restore', file: byPath('/Documents/Reports/q1.csv') }));
		expect(gone.cloudreveCode).toBe(40016);
		await run({ operation: 'delete', file: byPath('/Photos/cat.jpg'), permanently: false });
		srv.fs.put(DEMO.email, '/Photos/cat.jpg', 'new cat');
		const taken = await errorOf(run({ operation: 'restore', file: byPath('/Photos/cat.jpg') }));
		expect(taken.cloudreveCode).toBe(40004);
	});

	it('moves a trash item back into a folder under its original name', async () => {
		await run({ operation: 'delete', file: byPath('/Photos/cat.jpg'), permanently: false });
		const [item] = await run({ operation: 'list', folder: byUri('cloudreve://trash'), returnAll: true });
		const [moved] = await run({ operation: 'move', file: byUri(String(item.json.uri)), destination: byPath('/Documents') });
		expect(moved.json.uri).toBe('cloudreve://my/Documents');
		expect(srv.fs.get(DEMO.email, '/Documents/cat.jpg')?.metadata['sys:restore_uri']).toBeUndefined();
	});

	it('deletes permanently, with Unlink only for groups with advance delete, and empties the trash', async () => {
		const blob = srv.state.entities.get(srv.fs.get(DEMO.email, '/Photos/cat.jpg')!.primaryEntityId!)!.blobPath!;
		const [out] = await run({ operation: 'delete', file: byPath('/Photos/cat.jpg'), permanently: true, options: { unlink: true } });
		expect(out.json).toMatchObject({ success: true, permanently: true });
		expect(existsSync(blob)).toBe(true);
		const needsPermanent = await errorOf(run({ operation: 'delete', file: byPath('/Photos'), permanently: false, options: { unlink: true } }));
		expect(needsPermanent.message).toBe('Keep Stored Blobs (Unlink) needs Delete Permanently');
		srv.users.add({ email: 'plain@cloudreve.test', password: 'plain-password-1', group: 'user' });
		srv.fs.put('plain@cloudreve.test', '/x.txt', 'x');
		const store = demoStore(srv, 'plain@cloudreve.test', 'plain-password-1');
		const denied = await errorOf(run({ operation: 'delete', file: byPath('/x.txt'), permanently: true, options: { unlink: true } }, { store }));
		expect(denied.cloudreveCode).toBe(403);
		expect(denied.description).toContain('advance delete permission is required');
		await run({ operation: 'delete', file: byPath('/Documents'), permanently: false });
		expect(srv.fs.trash(DEMO.email)).toHaveLength(1);
		const [emptied] = await run({ operation: 'emptyTrash' });
		expect(emptied.json).toEqual({ success: true });
		expect(srv.fs.trash(DEMO.email)).toHaveLength(0);
	});

	it('fails on a locked path with path, token and holder, and force-unlocks when told to', async () => {
		const token = lockPath(srv.state, DEMO.email, '/Documents/readme.md', { application: { type: 'viewer', viewer_id: 'onlyoffice' } });
		const err = await errorOf(run({ operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'x.md' }));
		expect(err.cloudreveCode).toBe(40073);
		expect(err.description).toContain(`cloudreve://my/Documents/readme.md — token ${token} — held by viewer (viewer onlyoffice)`);
		const folderLock = lockPath(srv.state, DEMO.email, '/Photos');
		const del = await errorOf(run({ operation: 'delete', file: byPath('/Photos/cat.jpg'), permanently: false, options: { additionalItems: ['/Documents/readme.md'] } }));
		expect(del.cloudreveCode).toBe(40073);
		expect(del.lockConflicts?.map((c) => c.token).sort()).toEqual([token, folderLock].sort());
		expect(srv.fs.get(DEMO.email, '/Photos/cat.jpg')).toBeDefined();
		const [renamed] = await run({ operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'x.md', options: { ifLocked: 'forceUnlock' } });
		expect(renamed.json.name).toBe('x.md');
		const [moved] = await run({ operation: 'move', file: byPath('/Photos/cat.jpg'), destination: byPath('/'), options: { ifLocked: 'forceUnlock' } });
		expect(moved.json.path).toBe('/cat.jpg');
		expect(srv.state.locks.locks.size).toBe(0);
	});

	it('with continueOnFail, a failing item becomes an error item paired with its input and the others run', async () => {
		const paths = ['/Documents/readme.md', '/missing.txt', '/Photos/cat.jpg'];
		const out = await run(
			{ operation: 'rename', file: (i: number) => byPath(paths[i]), newName: (i: number) => `renamed-${i}` },
			{ items: items(3), continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.name).toBe('renamed-0');
		expect(out[1].json.error).toContain('40016');
		expect(out[2].json.name).toBe('renamed-2');
	});
});
