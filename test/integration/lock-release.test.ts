// Issue 4, Lock resource: locks held by a simulated WebDAV client (real LOCK over /dav) and by an online editor
// (viewer lock in the server's lock table), released by the "If Locked" option, by Unlock by Path, and by
// Force Unlock with the tokens a conflict reports.
import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { lockPath } from '../server/routes/file-ops';
import { DEMO, startServer, type TestServer } from '../server';
import { byPath, errorOf, items, runWith } from './harness/account';
import { n8nHttpRequest } from './harness/http';

/** A WebDAV client: LOCK a path below a DAV account's root with Basic auth (e-mail + DAV password). */
async function davLock(srv: TestServer, password: string, path: string, timeoutSeconds = 600): Promise<IN8nHttpFullResponse> {
	return (await n8nHttpRequest({
		method: 'LOCK' as never,
		url: `${srv.url}/dav${path}`,
		headers: {
			Authorization: `Basic ${Buffer.from(`${DEMO.email}:${password}`).toString('base64')}`,
			Timeout: `Second-${timeoutSeconds}`,
			Depth: '0',
			'Content-Type': 'application/xml',
		},
		body: '<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>' as never,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}

describe('locks held by other applications', () => {
	let srv: TestServer;
	let davPassword: string;
	const run = (parameters: Record<string, unknown>, opts: Parameters<typeof runWith>[2] = {}) => runWith(srv, parameters, opts);

	beforeEach(async () => {
		srv = await startServer({ port: 0 });
		const [account] = await run({ resource: 'dav', operation: 'create', name: 'Sync client', root: byPath('/') });
		davPassword = String(account.json.password);
	});
	afterEach(async () => {
		await srv.close();
	});

	it('a WebDAV LOCK blocks a rename; the error lists path, token and holder; "If Locked: Force Unlock" releases it', async () => {
		const locked = await davLock(srv, davPassword, '/Documents/readme.md');
		expect(locked.statusCode).toBe(200);
		const token = String(locked.headers?.['lock-token']).replace(/^<|>$/g, '');
		expect(token).toMatch(/^opaquelocktoken:/);

		const refused = await errorOf(run({ resource: 'file', operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'README.md' }));
		expect(refused.cloudreveCode).toBe(40073);
		expect(refused.description).toContain(`cloudreve://my/Documents/readme.md — token ${token} — held by dav`);
		expect(srv.fs.get(DEMO.email, '/Documents/readme.md')).toBeDefined();

		const [renamed] = await run({
			resource: 'file',
			operation: 'rename',
			file: byPath('/Documents/readme.md'),
			newName: 'README.md',
			options: { ifLocked: 'forceUnlock' },
		});
		expect(renamed.json.name).toBe('README.md');
		expect(srv.state.locks.locks.has(token)).toBe(false);
		// The WebDAV client's lock is gone: it can lock again.
		expect((await davLock(srv, davPassword, '/Documents/README.md')).statusCode).toBe(200);
	});

	it('Unlock by Path finds and releases an online editor\'s lock, then the file can be changed', async () => {
		const token = lockPath(srv.state, DEMO.email, '/Documents/Reports/q1.csv', { application: { type: 'viewer', viewer_id: 'onlyoffice-1' } });
		const [released] = await run({ resource: 'lock', operation: 'unlockByPath', target: byPath('/Documents/Reports/q1.csv') });
		expect(released.json).toEqual({
			uri: 'cloudreve://my/Documents/Reports/q1.csv',
			locked: true,
			released: [token],
			locks: [{ path: 'cloudreve://my/Documents/Reports/q1.csv', application: 'viewer', token }],
		});
		expect(srv.state.locks.locks.size).toBe(0);
		const [renamed] = await run({ resource: 'file', operation: 'rename', file: byPath('/Documents/Reports/q1.csv'), newName: 'q1-final.csv' });
		expect(renamed.json.name).toBe('q1-final.csv');
		// The probe is harmless: no metadata was added to the file.
		expect(srv.fs.get(DEMO.email, '/Documents/Reports/q1-final.csv')?.metadata).toEqual({});
	});

	it('Unlock by Path also frees an item locked through its folder (infinite-depth lock) and reports nothing when unlocked', async () => {
		const folderToken = lockPath(srv.state, DEMO.email, '/Photos', { depth: 'infinity' });
		const [released] = await run({ resource: 'lock', operation: 'unlockByPath', target: byPath('/Photos/cat.jpg') });
		expect(released.json.released).toEqual([folderToken]);
		const [clean] = await run({ resource: 'lock', operation: 'unlockByPath', target: byPath('/Photos/cat.jpg') });
		expect(clean.json).toEqual({ uri: 'cloudreve://my/Photos/cat.jpg', locked: false, released: [], locks: [] });
		const missing = await errorOf(run({ resource: 'lock', operation: 'unlockByPath', target: byPath('/Photos/dog.jpg') }));
		expect(missing.cloudreveCode).toBe(40016);
	});

	it('Force Unlock releases the tokens a conflict reported; an unknown token is an error, per item with continueOnFail', async () => {
		await davLock(srv, davPassword, '/Documents/readme.md');
		const refused = await errorOf(run({ resource: 'file', operation: 'delete', file: byPath('/Documents/readme.md') }));
		expect(refused.cloudreveCode).toBe(40073);
		const tokens = (refused.lockConflicts ?? []).map((c) => String(c.token));
		expect(tokens).toHaveLength(1);
		const out = await run(
			{ resource: 'lock', operation: 'forceUnlock', tokens: (i: number) => (i === 0 ? tokens.join(',') : 'no-such-token') },
			{ items: items(2), continueOnFail: true },
		);
		expect(out[0].json).toEqual({ released: tokens });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(String(out[1].json.error)).toContain('40001');
		expect(out[1].pairedItem).toEqual({ item: 1 });
		const [renamed] = await run({ resource: 'file', operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'free.md' });
		expect(renamed.json.name).toBe('free.md');
		const empty = await errorOf(run({ resource: 'lock', operation: 'forceUnlock', tokens: ' , ' }));
		expect(empty.message).toBe('Lock Tokens is empty');
	});

	it('a WebDAV lock with a short timeout expires by itself', async () => {
		await davLock(srv, davPassword, '/Documents/readme.md', 1);
		await new Promise((r) => setTimeout(r, 1100));
		const [renamed] = await run({ resource: 'file', operation: 'rename', file: byPath('/Documents/readme.md'), newName: 'later.md' });
		expect(renamed.json.name).toBe('later.md');
	});
});
