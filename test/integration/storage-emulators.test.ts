// The loopback storage providers and callbacks refuse what the real ones refuse (issue 3: "checks what the real
// provider would check"), so a node that gets a part size, an ETag, a range or a credential wrong fails here.
import { DEMO, startServer, type TestServer } from '../server';
import { uploadControl, type PolicyType, type UploadControl } from '../server/storage';

const KiB = 1024;

describe('storage emulators and upload callbacks', () => {
	let srv: TestServer;
	let uploads: UploadControl;
	let token: string;

	beforeEach(async () => {
		srv = await startServer({ port: 0 });
		uploads = uploadControl(srv);
		const res = (await (await fetch(`${srv.url}/api/v4/session/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: DEMO.email, password: DEMO.password }) })).json()) as {
			data: { token: { access_token: string } };
		};
		token = res.data.token.access_token;
	});
	afterEach(async () => {
		await srv.close();
	});

	async function session(type: PolicyType, size: number, chunkSize = 256 * KiB) {
		uploads.use(DEMO.email, { type, chunkSize });
		const res = (await (
			await fetch(`${srv.url}/api/v4/file/upload`, {
				method: 'PUT',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ uri: `cloudreve://my/emu/${type}.bin`, size }),
			})
		).json()) as { code: number; data: { session_id: string; callback_secret: string; upload_urls: string[]; completeURL?: string; credential?: string; chunk_size: number } };
		expect(res.code).toBe(0);
		return res.data;
	}

	const put = (url: string, body: Buffer, headers: Record<string, string> = {}) =>
		fetch(url, { method: 'PUT', body, headers: { 'Content-Type': 'application/octet-stream', ...headers } });

	it('S3: a part whose length differs from the signed one is refused; a wrong ETag fails the completion', async () => {
		const s = await session('s3', 600 * KiB);
		expect(s.upload_urls).toHaveLength(3);
		const short = await put(s.upload_urls[0], Buffer.alloc(100 * KiB));
		expect(short.status).toBe(403);
		expect(await short.text()).toContain('SignatureDoesNotMatch');
		const tampered = await put(s.upload_urls[0].replace(/sig=[^&]+/, 'sig=forged'), Buffer.alloc(256 * KiB));
		expect(tampered.status).toBe(403);
		const etags: string[] = [];
		for (const [i, size] of [256, 256, 88].entries()) etags.push(String((await put(s.upload_urls[i], Buffer.alloc(size * KiB, i))).headers.get('etag')));
		const xml = (tags: string[]) => `<CompleteMultipartUpload>${tags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
		const bad = await fetch(s.completeURL!, { method: 'POST', body: xml([etags[0], '"0000"', etags[2]]) });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('InvalidPart');
		// the client callback before completion: no object yet → 40055 (HTTP 400)
		const early = await fetch(`${srv.url}/api/v4/callback/s3/${s.session_id}/${s.callback_secret}`);
		expect(early.status).toBe(400);
		expect(((await early.json()) as { code: number }).code).toBe(40055);
		expect((await fetch(s.completeURL!, { method: 'POST', body: xml(etags) })).status).toBe(200);
		// callback rules of §2.4: wrong secret 401/40020, wrong policy type 401/40006, then success
		const wrongKey = await fetch(`${srv.url}/api/v4/callback/s3/${s.session_id}/not-the-secret`);
		expect([wrongKey.status, ((await wrongKey.json()) as { code: number }).code]).toEqual([401, 40020]);
		const wrongType = await fetch(`${srv.url}/api/v4/callback/cos/${s.session_id}/${s.callback_secret}`);
		expect([wrongType.status, ((await wrongType.json()) as { code: number }).code]).toEqual([401, 40006]);
		const ok = await fetch(`${srv.url}/api/v4/callback/s3/${s.session_id}/${s.callback_secret}`);
		expect(((await ok.json()) as { code: number }).code).toBe(0);
		const again = await fetch(`${srv.url}/api/v4/callback/s3/${s.session_id}/${s.callback_secret}`);
		expect([again.status, ((await again.json()) as { code: number }).code]).toEqual([401, 40011]);
		expect(srv.fs.read(DEMO.email, '/emu/s3.bin').length).toBe(600 * KiB);
	});

	it('OSS: a non-last part shorter than the chunk size fails the completion with EntityTooSmall', async () => {
		const s = await session('oss', 600 * KiB);
		await put(s.upload_urls[0], Buffer.alloc(100 * KiB));
		await put(s.upload_urls[1], Buffer.alloc(256 * KiB));
		await put(s.upload_urls[2], Buffer.alloc(88 * KiB));
		const noHeaders = await fetch(s.completeURL!, { method: 'POST' });
		expect(noHeaders.status).toBe(400);
		const res = await fetch(s.completeURL!, { method: 'POST', headers: { 'x-oss-forbid-overwrite': 'true', 'x-oss-complete-all': 'yes' } });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('EntityTooSmall');
		// a client cannot fake the provider's server-to-server callback
		const forged = await fetch(`${srv.url}/api/v4/callback/oss/${s.session_id}/${s.callback_secret}`, { method: 'POST', body: JSON.stringify({ size: 600 * KiB }) });
		expect([forged.status, ((await forged.json()) as { code: number }).code]).toEqual([400, 40071]);
	});

	it('OneDrive: fragments must follow each other, match Content-Length and be multiples of 320 KiB', async () => {
		const s = await session('onedrive', 700 * KiB, 320 * KiB);
		const url = s.upload_urls[0];
		const range = (a: number, b: number) => ({ 'Content-Range': `bytes ${a}-${b}/${700 * KiB}` });
		expect((await put(url, Buffer.alloc(320 * KiB))).status).toBe(400); // no Content-Range
		expect((await put(url, Buffer.alloc(300 * KiB), range(0, 300 * KiB - 1))).status).toBe(400); // not 320 KiB × n
		expect((await put(url, Buffer.alloc(320 * KiB), range(320 * KiB, 640 * KiB - 1))).status).toBe(416); // gap
		const first = await put(url, Buffer.alloc(320 * KiB), range(0, 320 * KiB - 1));
		expect(first.status).toBe(202);
		expect(((await first.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual([`${320 * KiB}-`]);
		const overlap = await put(url, Buffer.alloc(320 * KiB), range(0, 320 * KiB - 1));
		expect([overlap.status, ((await overlap.json()) as { error: { code: string } }).error.code]).toEqual([416, 'fragmentOverlap']);
	});

	it('Qiniu wants the UpToken; the slave node wants its HMAC credential verbatim', async () => {
		const q = await session('qiniu', 100 * KiB);
		expect((await put(`${q.upload_urls[0]}/1`, Buffer.alloc(100 * KiB), { Authorization: 'UpToken wrong' })).status).toBe(401);
		expect((await put(`${q.upload_urls[0]}/1`, Buffer.alloc(100 * KiB), { Authorization: `UpToken ${q.credential}` })).status).toBe(200);
		const r = await session('remote', 100 * KiB);
		const send = (auth: string) =>
			fetch(`${r.upload_urls[0]}?chunk=0`, { method: 'POST', body: Buffer.alloc(100 * KiB), headers: { Authorization: auth, 'Content-Type': 'application/octet-stream' } }).then(
				async (res) => ((await res.json()) as { code: number }).code,
			);
		expect(r.credential).toMatch(/^Bearer Cr [A-Za-z0-9_-]+:\d+$/);
		expect(await send(r.credential!.replace(/Cr ./, 'Cr x'))).toBe(40020);
		expect(await send(r.credential!)).toBe(0);
		expect(uploads.callbacks.map((c) => `${c.type}:${c.by}:${c.code}`)).toEqual(['remote:provider:0']);
		expect(srv.fs.read(DEMO.email, '/emu/remote.bin').length).toBe(100 * KiB);
	});

	it('local: a chunk with the wrong Content-Length is 40013, an index past the end 40012', async () => {
		const s = await session('local', 300 * KiB);
		const post = (i: number, body: Buffer) =>
			fetch(`${srv.url}/api/v4/file/upload/${s.session_id}/${i}`, { method: 'POST', body, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' } }).then(
				async (res) => (await res.json()) as { code: number; msg: string },
			);
		expect(await post(0, Buffer.alloc(100 * KiB))).toMatchObject({ code: 40013, msg: `Invalid Content-Length (expected: ${256 * KiB})` });
		expect((await post(2, Buffer.alloc(10))).code).toBe(40012);
		expect((await post(1, Buffer.alloc(44 * KiB))).code).toBe(0);
		expect((await post(0, Buffer.alloc(256 * KiB))).code).toBe(0); // any order; the set completes it
		expect(uploads.openSessions()).toEqual([]);
		expect((await post(0, Buffer.alloc(256 * KiB))).code).toBe(40011);
	});
});
