// The Cloudreve-compatible test server itself, over real HTTP: envelope, auth, users, file listing.
import { authenticator } from 'otplib';
import { DEMO, startServer, type TestServer } from '../server';
import { restore, softDelete } from '../server/trash';

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	body: any;
}

async function call(
	server: TestServer,
	method: string,
	path: string,
	opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const headers: Record<string, string> = { ...opts.headers };
	if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
	if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${server.url}${path}`, {
		method,
		headers,
		body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
	});
	const text = await res.text();
	let body: any;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: res.status, headers: res.headers, text, body };
}

const api = (server: TestServer, method: string, path: string, opts?: Parameters<typeof call>[3]) =>
	call(server, method, `/api/v4${path}`, opts);

async function signIn(server: TestServer, email: string = DEMO.email, password: string = DEMO.password) {
	const r = await api(server, 'POST', '/session/token', { body: { email, password } });
	expect(r.body.code).toBe(0);
	return r.body.data as { user: any; token: { access_token: string; refresh_token: string; access_expires: string; refresh_expires: string } };
}

const q = (uri: string) => encodeURIComponent(uri);
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('test server core', () => {
	let server: TestServer;
	let token: string;

	beforeAll(async () => {
		server = await startServer({ port: 0 });
		token = (await signIn(server)).token.access_token;
	});
	afterAll(() => server.close());
	afterEach(() => {
		server.faults.clear();
		server.settings.loginCaptcha = false;
	});

	describe('envelope and routing', () => {
		it('answers ping with the version in the envelope', async () => {
			const r = await api(server, 'GET', '/site/ping');
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/application\/json/);
			expect(r.body).toEqual({ code: 0, data: '4.18.0', msg: '' });
		});

		it('answers unknown API routes and wrong verbs with a plain-text 404', async () => {
			for (const [method, path] of [['GET', '/nope'], ['POST', '/site/ping'], ['DELETE', '/user/me'], ['PUT', '/file/info']]) {
				const r = await api(server, method, path);
				expect(r.status).toBe(404);
				expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
				expect(r.text).toBe('404 page not found');
			}
			const pro = await api(server, 'GET', '/user/setting/policies', { token });
			expect(pro.status).toBe(404);
		});

		it('serves the SPA for non-API paths', async () => {
			const r = await call(server, 'GET', '/home');
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/text\/html/);
		});

		it('reports validation errors as 40001 without correlation id, app errors with one', async () => {
			let r = await api(server, 'POST', '/session/token', { body: {} });
			expect(r.status).toBe(200);
			expect(r.body).toEqual({ code: 40001, msg: 'Email cannot be empty' });
			r = await api(server, 'POST', '/session/token', { body: { email: 'not-an-email', password: 'abcdef' } });
			expect(r.body).toEqual({ code: 40001, msg: 'Email format error' });
			r = await api(server, 'POST', '/session/token', { body: { email: 'a@b.test', password: 'abc' } });
			expect(r.body).toEqual({ code: 40001, msg: 'Password too short' });
			r = await api(server, 'POST', '/session/token', { body: { email: 'a@b.test', password: 12345 } });
			expect(r.body).toEqual({ code: 40001, msg: 'JSON marshall error' });
			r = await api(server, 'POST', '/session/token', { body: { email: DEMO.email, password: 'wrong-password' } });
			expect(r.body.code).toBe(40080);
			expect(r.body.msg).toBe('Incorrect password or email address');
			expect(r.body.correlation_id).toMatch(UUID_RE);
			const cid = '0d9b9f5e-4a51-4f3c-9a39-5b2f1c7e8a10';
			r = await api(server, 'POST', '/session/token', {
				body: { email: DEMO.email, password: 'wrong-password' },
				headers: { 'X-Cr-Correlation-Id': cid },
			});
			expect(r.body.correlation_id).toBe(cid);
		});

		it('returns site config sections, unknown ones as basic', async () => {
			const basic = await api(server, 'GET', '/site/config/basic');
			expect(basic.body.data.user.anonymous).toBe(true);
			expect(basic.body.data.captcha_type).toBe('normal');
			const other = await api(server, 'GET', '/site/config/whatever', { token });
			expect(other.body.data.user.email).toBe(DEMO.email);
			const login = await api(server, 'GET', '/site/config/login');
			expect(login.body.data).toEqual({ authn: true, register_enabled: true });
			const explorer = await api(server, 'GET', '/site/config/explorer');
			expect(explorer.body.data.max_batch_size).toBe(3000);
			const thumb = await api(server, 'GET', '/site/config/thumb');
			expect(thumb.body.data.thumb_exts).toContain('jpg');
		});
	});

	describe('sessions', () => {
		it('signs in with a LoginResponse and RFC 3339 expiries', async () => {
			const before = Date.now();
			const data = await signIn(server);
			expect(data.user).toMatchObject({ email: DEMO.email, nickname: 'Demo', status: 'active', group: { name: 'Admin', permission: '/RoB' } });
			expect(Object.keys(data.token).sort()).toEqual(['access_expires', 'access_token', 'refresh_expires', 'refresh_token']);
			expect(data.token.access_expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d)$/);
			const accessExp = Date.parse(data.token.access_expires);
			expect(accessExp - before).toBeGreaterThanOrEqual(3599_000);
			expect(accessExp - before).toBeLessThan(3605_000);
			expect(Date.parse(data.token.refresh_expires) - before).toBeGreaterThanOrEqual(1209599_000);
			const claims = JSON.parse(Buffer.from(data.token.access_token.split('.')[1], 'base64url').toString());
			expect(claims).toMatchObject({ token_type: 'access', sub: data.user.id });
			const me = await api(server, 'GET', '/user/me', { token: data.token.access_token });
			expect(me.body.data.id).toBe(data.user.id);
		});

		it('runs the 2FA flow with a real TOTP check', async () => {
			const first = await api(server, 'POST', '/session/token', { body: { email: DEMO.totpEmail, password: DEMO.totpPassword } });
			expect(first.body.code).toBe(203);
			expect(typeof first.body.data).toBe('string');
			const sessionId = first.body.data;
			const wrong = await api(server, 'POST', '/session/token/2fa', { body: { otp: '000000', session_id: sessionId } });
			expect(wrong.body.code).toBe(40022);
			const unknown = await api(server, 'POST', '/session/token/2fa', { body: { otp: '123456', session_id: 'nope' } });
			expect(unknown.body.code).toBe(404);
			const missing = await api(server, 'POST', '/session/token/2fa', { body: { session_id: sessionId } });
			expect(missing.body).toEqual({ code: 40001, msg: 'Otp cannot be empty' });
			const before = server.stats.twoFactorSignIns;
			const ok = await api(server, 'POST', '/session/token/2fa', {
				body: { otp: authenticator.generate(DEMO.totpSecret), session_id: sessionId },
			});
			expect(ok.body.code).toBe(0);
			expect(ok.body.data.user.email).toBe(DEMO.totpEmail);
			expect(server.stats.twoFactorSignIns).toBe(before + 1);
			const again = await api(server, 'POST', '/session/token/2fa', {
				body: { otp: authenticator.generate(DEMO.totpSecret), session_id: sessionId },
			});
			expect(again.body.code).toBe(404);
		});

		it('refreshes to a new pair, keeps the old refresh token, and sign-out kills the chain', async () => {
			const login = await signIn(server);
			const other = await signIn(server);
			const r1 = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } });
			expect(r1.body.code).toBe(0);
			expect(Object.keys(r1.body.data).sort()).toEqual(['access_expires', 'access_token', 'refresh_expires', 'refresh_token']);
			expect(r1.body.data.refresh_token).not.toBe(login.token.refresh_token);
			expect(r1.body.data.access_token).not.toBe(login.token.access_token);
			const r2 = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } });
			expect(r2.body.code).toBe(0);

			const out = await api(server, 'DELETE', '/session/token', { body: { refresh_token: r1.body.data.refresh_token } });
			expect(out.body).toEqual({ code: 0, data: '', msg: '' });
			for (const rt of [login.token.refresh_token, r1.body.data.refresh_token, r2.body.data.refresh_token]) {
				const r = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: rt } });
				expect(r.body.code).toBe(40020);
			}
			// live access tokens survive sign-out; another login is untouched
			expect((await api(server, 'GET', '/user/me', { token: r1.body.data.access_token })).body.code).toBe(0);
			const o = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: other.token.refresh_token } });
			expect(o.body.code).toBe(0);
			const bad = await api(server, 'DELETE', '/session/token', { body: { refresh_token: 'garbage' } });
			expect(bad.body.code).toBe(40020);
		});

		it('revokeSessions kills every refresh token of the user', async () => {
			const u = server.users.add({ email: 'revoke@cloudreve.test', password: 'revoke-pass' });
			const login = await signIn(server, u.email, 'revoke-pass');
			server.users.revokeSessions(u.email);
			const r = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } });
			expect(r.body.code).toBe(40020);
			expect(r.body.msg).toBe('Failed to issue token pair');
		});

		it('treats a refresh token as access token as 40020 on any route', async () => {
			const login = await signIn(server);
			for (const path of ['/user/me', '/site/ping', `/file?uri=${q('cloudreve://my')}`]) {
				const r = await api(server, 'GET', path, { token: login.token.refresh_token });
				expect(r.body.code).toBe(40020);
			}
		});

		it('treats a garbage token as anonymous', async () => {
			const r = await api(server, 'GET', '/user/me', { token: 'not.a.jwt' });
			expect(r.body).toMatchObject({ code: 401, msg: 'Login required' });
			expect((await api(server, 'GET', '/site/ping', { token: 'not.a.jwt' })).body.code).toBe(0);
		});

		it('requires a captcha when the switch is on', async () => {
			server.settings.loginCaptcha = true;
			const cfg = await api(server, 'GET', '/site/config/login');
			expect(cfg.body.data.login_captcha).toBe(true);
			const none = await api(server, 'POST', '/session/token', { body: { email: DEMO.email, password: DEMO.password } });
			expect(none.body.code).toBe(40026);
			const cap = await api(server, 'GET', '/site/captcha');
			expect(cap.body.data.image).toMatch(/^data:image\/png;base64,/);
			const png = Buffer.from(cap.body.data.image.split(',')[1], 'base64');
			expect(png.subarray(1, 4).toString()).toBe('PNG');
			const ticket = cap.body.data.ticket;
			const answer = server.captchaAnswer(ticket)!;
			expect(answer).toMatch(/^\d{6}$/);
			const wrong = await api(server, 'POST', '/session/token', {
				body: { email: DEMO.email, password: DEMO.password, ticket, captcha: answer === '000000' ? '111111' : '000000' },
			});
			expect(wrong.body.code).toBe(40026);
			// the failed check consumed the ticket
			const reused = await api(server, 'POST', '/session/token', { body: { email: DEMO.email, password: DEMO.password, ticket, captcha: answer } });
			expect(reused.body.code).toBe(40026);
			const cap2 = (await api(server, 'GET', '/site/captcha')).body.data;
			const ok = await api(server, 'POST', '/session/token', {
				body: { email: DEMO.email, password: DEMO.password, ticket: cap2.ticket, captcha: server.captchaAnswer(cap2.ticket) },
			});
			expect(ok.body.code).toBe(0);
			const notJson = await api(server, 'POST', '/session/token', { body: 'email=x' });
			expect(notJson.body.code).toBe(40026);
		});

		it('refuses banned, inactive and passkey-only accounts', async () => {
			server.users.add({ email: 'banned@cloudreve.test', password: 'banned-pass', status: 'manual_banned' });
			server.users.add({ email: 'inactive@cloudreve.test', password: 'inactive-pass', status: 'inactive' });
			server.users.add({ email: 'passkey@cloudreve.test' });
			const login = (email: string, password: string) => api(server, 'POST', '/session/token', { body: { email, password } });
			expect((await login('banned@cloudreve.test', 'banned-pass')).body.code).toBe(40017);
			expect((await login('banned@cloudreve.test', 'wrong-pass')).body.code).toBe(40080);
			expect((await login('inactive@cloudreve.test', 'inactive-pass')).body.code).toBe(40018);
			expect((await login('passkey@cloudreve.test', 'anything')).body.code).toBe(40080);
			expect((await login('nobody@cloudreve.test', 'anything')).body.code).toBe(40080);
			const prep = await api(server, 'GET', `/session/prepare?email=${q('passkey@cloudreve.test')}`);
			expect(prep.body.data).toEqual({ webauthn_enabled: false, password_enabled: false });
			expect((await api(server, 'GET', `/session/prepare?email=${q(DEMO.email)}`)).body.data.password_enabled).toBe(true);
			expect((await api(server, 'GET', `/session/prepare?email=${q('nobody@cloudreve.test')}`)).body.code).toBe(404);
			expect((await api(server, 'GET', '/session/prepare')).body).toEqual({ code: 40001, msg: 'Email cannot be empty' });
		});

		it('answers 50001 for a valid token of a user who is no longer active', async () => {
			const u = server.users.add({ email: 'soon-banned@cloudreve.test', password: 'soon-banned' });
			const login = await signIn(server, u.email, 'soon-banned');
			u.status = 'manual_banned';
			const r = await api(server, 'GET', '/site/ping', { token: login.token.access_token });
			expect(r.body.code).toBe(50001);
			const rr = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } });
			expect(rr.body.code).toBe(40020);
		});
	});

	describe('users', () => {
		it('reads and patches settings; password change revokes refresh tokens', async () => {
			const u = server.users.add({ email: 'settings@cloudreve.test', password: 'old-password' });
			const login = await signIn(server, u.email, 'old-password');
			const t = login.token.access_token;
			const s = await api(server, 'GET', '/user/setting', { token: t });
			expect(s.body.data).toMatchObject({ version_retention_enabled: true, version_retention_max: 10, passwordless: false, two_fa_enabled: false });
			expect((await api(server, 'PATCH', '/user/setting', { token: t, body: { nick: 'New Nick', preferred_theme: '#ff0000' } })).body).toEqual({ code: 0, msg: '' });
			expect((await api(server, 'GET', '/user/me', { token: t })).body.data).toMatchObject({ nickname: 'New Nick', preferred_theme: '#ff0000' });
			expect((await api(server, 'PATCH', '/user/setting', { token: t, body: { nick: '' } })).body.code).toBe(0);
			expect((await api(server, 'PATCH', '/user/setting', { token: t, body: { preferred_theme: 'blue' } })).body.code).toBe(40001);
			const wrong = await api(server, 'PATCH', '/user/setting', { token: t, body: { current_password: 'nope-nope', new_password: 'new-password' } });
			expect(wrong.body.code).toBe(40069);
			const ok = await api(server, 'PATCH', '/user/setting', { token: t, body: { current_password: 'old-password', new_password: 'new-password' } });
			expect(ok.body.code).toBe(0);
			expect((await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } })).body.code).toBe(40020);
			await signIn(server, u.email, 'new-password');
		});

		it('enables and disables 2FA', async () => {
			const u = server.users.add({ email: 'twofa@cloudreve.test', password: 'twofa-pass' });
			const t = (await signIn(server, u.email, 'twofa-pass')).token.access_token;
			const early = await api(server, 'PATCH', '/user/setting', { token: t, body: { two_fa_enabled: true, two_fa_code: '123456' } });
			expect(early.body.code).toBe(50005);
			const secret = (await api(server, 'GET', '/user/setting/2fa', { token: t })).body.data;
			expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
			expect((await api(server, 'PATCH', '/user/setting', { token: t, body: { two_fa_enabled: true, two_fa_code: '000000' } })).body.code).toBe(40022);
			const on = await api(server, 'PATCH', '/user/setting', { token: t, body: { two_fa_enabled: true, two_fa_code: authenticator.generate(secret) } });
			expect(on.body.code).toBe(0);
			expect((await api(server, 'GET', '/user/setting', { token: t })).body.data.two_fa_enabled).toBe(true);
			expect((await api(server, 'POST', '/session/token', { body: { email: u.email, password: 'twofa-pass' } })).body.code).toBe(203);
			const off = await api(server, 'PATCH', '/user/setting', { token: t, body: { two_fa_enabled: false, two_fa_code: authenticator.generate(secret) } });
			expect(off.body.code).toBe(0);
			await signIn(server, u.email, 'twofa-pass');
		});

		it('signs up (first user is admin), resets passwords, searches and shows users', async () => {
			const fresh = await startServer({ seedDemo: false });
			try {
				const first = await api(fresh, 'POST', '/user', { body: { email: 'First@Example.test', password: 'first-pass' } });
				expect(first.body.data).toMatchObject({ email: 'first@example.test', nickname: 'first', group: { name: 'Admin' } });
				const second = await api(fresh, 'POST', '/user', { body: { email: 'second@example.test', password: 'second-pass' } });
				expect(second.body.data.group.name).toBe('User');
				expect((await api(fresh, 'POST', '/user', { body: { email: 'second@example.test', password: 'second-pass' } })).body.code).toBe(40032);
				expect((await api(fresh, 'POST', '/user', { body: { email: 'x@example.test', password: '123' } })).body).toEqual({ code: 40001, msg: 'Password too short' });
				fresh.settings.registerEnabled = false;
				expect((await api(fresh, 'POST', '/user', { body: { email: 'y@example.test', password: 'y-password' } })).body.code).toBe(40019);

				expect((await api(fresh, 'POST', '/user/reset', { body: { email: 'nobody@example.test' } })).body.code).toBe(40021);
				expect((await api(fresh, 'POST', '/user/reset', { body: { email: 'second@example.test' } })).body).toEqual({ code: 0, msg: '' });
				const secret = fresh.lastResetSecret('second@example.test')!;
				expect(secret).toHaveLength(32);
				const id = second.body.data.id;
				expect((await api(fresh, 'PATCH', `/user/reset/${id}`, { body: { password: 'reset-pass', secret: 'wrong' } })).body.code).toBe(40030);
				expect((await api(fresh, 'PATCH', `/user/reset/${id}`, { body: { password: 'reset-pass', secret } })).body.data.id).toBe(id);
				expect((await api(fresh, 'PATCH', `/user/reset/${id}`, { body: { password: 'reset-pass', secret } })).body.code).toBe(40030);
				expect((await api(fresh, 'PATCH', '/user/reset/!!!', { body: { password: 'reset-pass', secret } })).body.code).toBe(40001);
				const t = (await signIn(fresh, 'second@example.test', 'reset-pass')).token.access_token;

				const found = await api(fresh, 'GET', '/user/search?keyword=FIRST', { token: t });
				expect(found.body.data).toHaveLength(1);
				expect(found.body.data[0]).toMatchObject({ nickname: 'first', email: 'first@example.test', group: { name: 'Admin' } });
				expect((await api(fresh, 'GET', '/user/search?keyword=f', { token: t })).body).toEqual({ code: 40001, msg: 'Keyword too short' });
				expect((await api(fresh, 'GET', '/user/search?keyword=first')).body.code).toBe(401);
				const anon = await api(fresh, 'GET', `/user/info/${first.body.data.id}`);
				expect(anon.body.data.email).toBeUndefined();
				expect((await api(fresh, 'GET', `/user/info/${first.body.data.id}`, { token: t })).body.data.email).toBe('first@example.test');

				expect((await call(fresh, 'GET', `/api/v4/user/avatar/${id}`)).status).toBe(404);
				const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
				const put = await fetch(`${fresh.url}/api/v4/user/setting/avatar`, { method: 'PUT', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'image/png' }, body: png });
				expect((await put.json()) as unknown).toEqual({ code: 0, msg: '' });
				const got = await fetch(`${fresh.url}/api/v4/user/avatar/${id}`);
				expect(got.status).toBe(200);
				expect(Buffer.from(await got.arrayBuffer())).toEqual(png);
				const bad = await fetch(`${fresh.url}/api/v4/user/setting/avatar`, { method: 'PUT', headers: { Authorization: `Bearer ${t}` }, body: 'not an image' });
				expect(((await bad.json()) as { code: number }).code).toBe(40001);
				const cap = await api(fresh, 'GET', '/user/capacity', { token: t });
				expect(cap.body.data).toEqual({ total: 1024 ** 3, used: 0 });
			} finally {
				await fresh.close();
			}
		});
	});

	describe('files', () => {
		const tricky = "a b#c%d+e 😀 文件 & 'x'.txt";

		it('lists the demo tree with folders first and the full shapes', async () => {
			const r = await api(server, 'GET', `/file?uri=${q('cloudreve://my')}`, { token });
			expect(r.body.code).toBe(0);
			const d = r.body.data;
			expect(d.files.map((f: any) => f.name).slice(0, 2)).toEqual(['Documents', 'Photos']);
			expect(d.parent).toMatchObject({ type: 1, name: '', path: 'cloudreve://my', capability: 'w8edAQ==', owned: true });
			expect(d.pagination).toEqual({ page: 0, page_size: 100, is_cursor: true });
			expect(d.props).toEqual({ capability: 'w8edAQ==', max_page_size: 2000, order_by_options: ['name', 'size', 'updated_at', 'created_at'], order_direction_options: ['asc', 'desc'] });
			expect(d.context_hint).toMatch(UUID_RE);
			expect(d.storage_policy).toMatchObject({ type: 'local', max_size: 0 });
			const photos = await api(server, 'GET', `/file?uri=${q('cloudreve://my/Photos')}`, { token });
			const cat = photos.body.data.files[0];
			expect(Object.keys(cat)).toEqual(['type', 'id', 'name', 'created_at', 'updated_at', 'size', 'metadata', 'path', 'capability', 'owned', 'primary_entity']);
			expect(cat).toMatchObject({ type: 0, name: 'cat.jpg', path: 'cloudreve://my/Photos/cat.jpg', size: 22 });
			expect(cat.created_at).toMatch(/\.\d{6}Z$/);
		});

		it('creates files with tricky names and round-trips them through URIs', async () => {
			const uri = `cloudreve://my/Tricky/${encodeURIComponent(tricky)}`;
			const c = await api(server, 'POST', '/file/create', { token, body: { uri, type: 'file' } });
			expect(c.body.code).toBe(0);
			expect(c.body.data).toMatchObject({ type: 0, name: tricky, size: 0, path: uri });
			const info = await api(server, 'GET', `/file/info?uri=${q(uri)}`, { token });
			expect(info.body.data.id).toBe(c.body.data.id);
			const byId = await api(server, 'GET', `/file/info?id=${c.body.data.id}`, { token });
			expect(byId.body.data.path).toBe(uri);
			// spaces and unicode sent raw are tolerated
			const raw = await api(server, 'GET', `/file/info?uri=${q('cloudreve://my/Tricky/../Tricky/') + q(encodeURIComponent(tricky).replace(/%20/g, ' '))}`, { token });
			expect(raw.body.data?.id).toBe(c.body.data.id);
			const listed = await api(server, 'GET', `/file?uri=${q('cloudreve://my/Tricky/')}`, { token });
			expect(listed.body.data.files.map((f: any) => f.name)).toEqual([tricky]);
			expect(listed.body.data.parent.path).toBe('cloudreve://my/Tricky');
			expect(server.fs.get(DEMO.email, `/Tricky/${tricky}`)).toBeDefined();
			// same item again: returned, unless err_on_conflict
			expect((await api(server, 'POST', '/file/create', { token, body: { uri, type: 'file' } })).body.data.id).toBe(c.body.data.id);
			expect((await api(server, 'POST', '/file/create', { token, body: { uri, type: 'file', err_on_conflict: true } })).body.code).toBe(40004);
			expect((await api(server, 'POST', '/file/create', { token, body: { uri, type: 'folder' } })).body.code).toBe(40004);
		});

		it('creates folders with mkdir -p and metadata', async () => {
			const c = await api(server, 'POST', '/file/create', {
				token,
				body: { uri: 'cloudreve://my/Deep/er/est', type: 'folder', metadata: { 'customize:icon_color': '#ff0000', 'tag:work': '' } },
			});
			expect(c.body.data).toMatchObject({ type: 1, name: 'est', metadata: { 'customize:icon_color': '#ff0000', 'tag:work': '' } });
			expect(server.fs.get(DEMO.email, '/Deep/er')?.type).toBe(1);
			const bad = await api(server, 'POST', '/file/create', { token, body: { uri: 'cloudreve://my/x', type: 'folder', metadata: { 'exif:foo': '1' } } });
			expect(bad.body.code).toBe(40001);
			expect((await api(server, 'POST', '/file/create', { token, body: { uri: 'cloudreve://my/x', type: 'dir' } })).body).toEqual({ code: 40001, msg: 'Parameter error' });
			expect((await api(server, 'POST', '/file/create', { token, body: { type: 'file' } })).body).toEqual({ code: 40001, msg: 'Uri cannot be empty' });
			expect((await api(server, 'POST', '/file/create', { token, body: { uri: 'cloudreve://my/a%3Ab', type: 'file' } })).body.code).toBe(40052);
			expect((await api(server, 'POST', '/file/create', { token, body: { uri: 'cloudreve://trash/x', type: 'file' } })).body.code).toBe(403);
		});

		it('gives the URI errors of Cloudreve', async () => {
			expect((await api(server, 'GET', `/file?uri=${q('cloudreve://my/missing')}`, { token })).body.code).toBe(40016);
			expect((await api(server, 'GET', `/file/info?uri=${q('cloudreve://my/missing')}`, { token })).body.code).toBe(40016);
			expect((await api(server, 'GET', `/file?uri=${q('cloudreve://my')}`)).body.code).toBe(401);
			expect((await api(server, 'GET', `/file?uri=${q('cloudreve://trash')}`)).body.code).toBe(401);
			expect((await api(server, 'GET', `/file?uri=${q('http://my/x')}`, { token })).body).toMatchObject({ code: 40001, msg: 'unknown uri' });
			expect((await api(server, 'GET', `/file/info?uri=${q('cloudreve://my')}`, { token })).body).toMatchObject({ code: 403, msg: 'Not supported action' });
			const otherUser = server.users.get(DEMO.totpEmail)!;
			const otherId = (await api(server, 'GET', '/user/search?keyword=totp@', { token })).body.data[0].id;
			expect(otherUser).toBeDefined();
			expect((await api(server, 'GET', `/file?uri=${q(`cloudreve://${otherId}@my`)}`, { token })).body.code).toBe(403);
			expect((await api(server, 'GET', '/file', { token })).body).toEqual({ code: 40001, msg: 'Uri cannot be empty' });
		});

		it('returns extended info with entities and a folder summary', async () => {
			const info = await api(server, 'GET', `/file/info?uri=${q('cloudreve://my/Documents/readme.md')}&extended=true`, { token });
			const ext = info.body.data.extended_info;
			expect(ext.storage_policy.type).toBe('local');
			expect(ext.entities).toHaveLength(1);
			expect(ext.entities[0]).toMatchObject({ id: info.body.data.primary_entity, type: 0, size: info.body.data.size });
			expect(ext.storage_used).toBe(info.body.data.size);
			const sum = await api(server, 'GET', `/file/info?uri=${q('cloudreve://my/Documents')}&folder_summary=true`, { token });
			expect(sum.body.data.folder_summary).toMatchObject({ files: 2, folders: 1, completed: true });
		});

		it('searches recursively with the URI query', async () => {
			server.fs.put(DEMO.email, '/Search/Alpha.JPG', 'aaaa');
			server.fs.put(DEMO.email, '/Search/sub/beta.png', 'bbbbbbbb');
			server.fs.put(DEMO.email, '/Search/sub/gamma.txt', 'c');
			server.fs.mkdir(DEMO.email, '/Search/sub/alpha-folder');
			server.state.resolve(server.users.get(DEMO.email)!.myRootId, ['Search', 'sub', 'gamma.txt'])!.metadata['tag:red'] = 'crimson';
			const names = async (search: string) => {
				const r = await api(server, 'GET', `/file?uri=${q(`cloudreve://my/Search?${search}`)}`, { token });
				expect(r.body.code).toBe(0);
				return r.body.data.files.map((f: any) => f.name).sort();
			};
			expect(await names('name=alpha')).toEqual(['alpha-folder']);
			expect(await names('name=alpha&case_folding')).toEqual(['Alpha.JPG', 'alpha-folder']);
			expect(await names('name=*.png')).toEqual(['beta.png']);
			expect(await names('name=a&name=t')).toEqual(['beta.png', 'gamma.txt']);
			expect(await names('name=beta&name=gamma&use_or')).toEqual(['beta.png', 'gamma.txt']);
			expect(await names('type=folder')).toEqual(['alpha-folder', 'sub']);
			expect(await names('category=image')).toEqual(['Alpha.JPG', 'beta.png']);
			expect(await names('size_gte=2&size_lte=4')).toEqual(['Alpha.JPG']);
			expect(await names('meta_tag:red=CRIM')).toEqual(['gamma.txt']);
			expect(await names('exact_meta_tag:red=crimson')).toEqual(['gamma.txt']);
			expect(await names('exact_meta_tag:red=CRIMSON')).toEqual([]);
			const now = Math.floor(Date.now() / 1000);
			expect(await names(`created_gte=${now + 100}`)).toEqual([]);
			expect((await names(`updated_lte=${now + 100}&type=file`)).length).toBe(3);
			const r = await api(server, 'GET', `/file?uri=${q('cloudreve://my/Search?name=a')}`, { token });
			expect(r.body.data.props.order_by_options).toBeNull();
			expect(r.body.data.pagination.is_cursor).toBe(true);
		});

		it('switches to offset pagination when cursor pagination is off', async () => {
			server.settings.useCursorPagination = false;
			try {
				const r = await api(server, 'GET', `/file?uri=${q('cloudreve://my/Documents')}&page_size=1&page=1`, { token });
				expect(r.body.data.pagination).toEqual({ page: 1, page_size: 1, total_items: 2 });
				expect(r.body.data.files.map((f: any) => f.name)).toEqual(['readme.md']);
			} finally {
				server.settings.useCursorPagination = true;
			}
		});

		it('refuses to create inside a locked folder with the 40073 payload', async () => {
			const demo = server.users.get(DEMO.email)!;
			server.fs.mkdir(DEMO.email, '/Locked');
			const lock = server.state.locks.acquire(
				{ ownerId: demo.id, path: '/Locked', fileType: 1, depth: 'infinity' },
				{ type: 'dav', inner_xml: '<owner/>' },
				{ ttlMs: 60_000 },
			);
			const r = await api(server, 'POST', '/file/create', { token, body: { uri: 'cloudreve://my/Locked/new.txt', type: 'file' } });
			expect(r.body).toMatchObject({
				code: 40073,
				msg: 'Lock conflict',
				data: [{ path: 'cloudreve://my/Locked', token: lock.token, owner: { application: { type: 'dav', inner_xml: '<owner/>' } }, type: 1 }],
			});
			expect(r.body.correlation_id).toMatch(UUID_RE);
			expect(server.state.locks.release(lock.token)).toBe(true);
			expect((await api(server, 'POST', '/file/create', { token, body: { uri: 'cloudreve://my/Locked/new.txt', type: 'file' } })).body.code).toBe(0);
		});

		it('lists the trash with original names', async () => {
			const r = await api(server, 'GET', `/file?uri=${q('cloudreve://trash')}`, { token });
			expect(r.body.data.files).toEqual([]);
			expect(r.body.data.parent).toMatchObject({ id: '', name: '' });
			expect(r.body.data.props.capability).toBe('AMIK');
			const f = server.fs.put(DEMO.email, '/Bin/old notes.txt', 'old');
			const trashUri = softDelete(server.state, f);
			const t = await api(server, 'GET', `/file?uri=${q('cloudreve://trash')}`, { token });
			expect(t.body.data.files).toHaveLength(1);
			expect(t.body.data.files[0]).toMatchObject({ name: 'old notes.txt', path: trashUri, capability: 'AMIK' });
			expect(t.body.data.files[0].metadata['sys:restore_uri']).toBe('cloudreve://my/Bin/old%20notes.txt');
			expect(trashUri).toMatch(/^cloudreve:\/\/trash\/[0-9a-f-]{36}$/);
			const info = await api(server, 'GET', `/file/info?uri=${q(trashUri)}`, { token });
			expect(info.body.data.name).toBe('old notes.txt');
			const search = await api(server, 'GET', `/file?uri=${q('cloudreve://trash?name=notes')}`, { token });
			expect(search.body.data.files).toHaveLength(1);
			expect(search.body.data.props.order_by_options).toEqual(['created_at']);
			expect((await api(server, 'GET', `/file?uri=${q(trashUri + '/deeper')}`, { token })).body.code).toBe(40016);
			restore(server.state, f);
			expect(server.fs.read(DEMO.email, '/Bin/old notes.txt').toString()).toBe('old');
			expect((await api(server, 'GET', `/file?uri=${q('cloudreve://trash')}`, { token })).body.data.files).toEqual([]);
		});

		it('paginates with page_size 1 across several pages in every order', async () => {
			for (const n of ['c.txt', 'a.txt', 'e.txt', 'b.txt', 'd.txt']) server.fs.put(DEMO.email, `/Paged/${n}`, n.repeat(3));
			server.fs.mkdir(DEMO.email, '/Paged/zfolder');
			const walk = async (extra: string) => {
				const seen: string[] = [];
				let next: string | undefined;
				let pages = 0;
				do {
					const r = await api(server, 'GET', `/file?uri=${q('cloudreve://my/Paged')}&page_size=1${extra}${next ? `&next_page_token=${q(next)}` : ''}`, { token });
					expect(r.body.code).toBe(0);
					expect(r.body.data.files.length).toBeLessThanOrEqual(1);
					seen.push(...r.body.data.files.map((f: any) => f.name));
					next = r.body.data.pagination.next_token;
					pages++;
				} while (next && pages < 20);
				return seen;
			};
			expect(await walk('&order_by=name')).toEqual(['zfolder', 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
			expect(await walk('&order_by=name&order_direction=desc')).toEqual(['zfolder', 'e.txt', 'd.txt', 'c.txt', 'b.txt', 'a.txt']);
			expect(await walk('')).toEqual(['zfolder', 'c.txt', 'a.txt', 'e.txt', 'b.txt', 'd.txt']);
			const bad = await api(server, 'GET', `/file?uri=${q('cloudreve://my/Paged')}&next_page_token=%%%`, { token });
			expect(bad.body.code).toBe(40001);
		});
	});

	describe('fault switches and counters', () => {
		it('adds latency to matching requests only', async () => {
			server.faults.latency(300, /site\/ping/);
			let t0 = Date.now();
			await api(server, 'GET', '/site/ping');
			expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
			t0 = Date.now();
			await api(server, 'GET', '/site/config/basic');
			expect(Date.now() - t0).toBeLessThan(250);
		});

		it('fails with 5xx a given number of times', async () => {
			server.faults.fail5xx({ times: 2, status: 503, match: /^GET \/api\/v4\/site\/ping$/ });
			expect((await api(server, 'GET', '/site/ping')).status).toBe(503);
			expect((await api(server, 'GET', '/site/config/basic')).status).toBe(200);
			expect((await api(server, 'GET', '/site/ping')).status).toBe(503);
			expect((await api(server, 'GET', '/site/ping')).status).toBe(200);
		});

		it('drops connections', async () => {
			server.faults.reset({ times: 1 });
			await expect(api(server, 'GET', '/site/ping')).rejects.toThrow();
			expect((await api(server, 'GET', '/site/ping')).status).toBe(200);
		});

		it('rate limits with Retry-After', async () => {
			server.faults.rateLimit({ times: 1, retryAfterSeconds: 7 });
			const r = await api(server, 'GET', '/site/ping');
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBe('7');
			expect((await api(server, 'GET', '/site/ping')).status).toBe(200);
		});

		it('runs custom faults and clears everything', async () => {
			server.faults.custom((req) => (req.pathname.endsWith('/ping') ? { status: 200, body: { code: 50001, msg: 'custom' } } : undefined));
			expect((await api(server, 'GET', '/site/ping')).body).toEqual({ code: 50001, msg: 'custom' });
			server.faults.fail5xx({ times: Infinity });
			server.faults.clear();
			expect((await api(server, 'GET', '/site/ping')).body.code).toBe(0);
		});

		it('counts sign-ins, refreshes and sign-outs and logs requests', async () => {
			server.resetStats();
			expect(server.stats).toEqual({ signIns: 0, twoFactorSignIns: 0, refreshes: 0, signOuts: 0, requests: 0 });
			const login = await signIn(server);
			await api(server, 'POST', '/session/token', { body: { email: DEMO.email, password: 'wrong-password' } });
			await api(server, 'POST', '/session/token', { body: { email: DEMO.totpEmail, password: DEMO.totpPassword } });
			await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } });
			await api(server, 'DELETE', '/session/token', { body: { refresh_token: login.token.refresh_token } });
			await api(server, 'GET', `/file?uri=${q('cloudreve://my')}&page_size=5`, { token: login.token.access_token });
			expect(server.stats).toEqual({ signIns: 1, twoFactorSignIns: 0, refreshes: 1, signOuts: 1, requests: 6 });
			const last = server.requestLog[server.requestLog.length - 1];
			expect(last).toMatchObject({ method: 'GET', path: '/api/v4/file', query: { uri: 'cloudreve://my', page_size: '5' }, code: 0, status: 200, authorized: true });
			expect(server.requestLog[1]).toMatchObject({ code: 40080, authorized: false });
		});
	});
});

describe('token expiry', () => {
	it('turns an expired access token into an anonymous caller', async () => {
		const server = await startServer({ accessTtlSeconds: 1 });
		try {
			const login = await signIn(server);
			expect((await api(server, 'GET', '/user/me', { token: login.token.access_token })).body.code).toBe(0);
			await new Promise((r) => setTimeout(r, 1100));
			expect((await api(server, 'GET', '/user/me', { token: login.token.access_token })).body).toMatchObject({ code: 401, msg: 'Login required' });
			expect((await api(server, 'GET', `/file?uri=${q('cloudreve://my')}`, { token: login.token.access_token })).body.code).toBe(401);
			const r = await api(server, 'POST', '/session/token/refresh', { body: { refresh_token: login.token.refresh_token } });
			expect((await api(server, 'GET', '/user/me', { token: r.body.data.access_token })).body.code).toBe(0);
		} finally {
			await server.close();
		}
	});
});

describe('other flavors', () => {
	it('v3 answers the SPA on /api/v4 and a v3 ping', async () => {
		const server = await startServer({ flavor: 'v3' });
		try {
			const r = await call(server, 'GET', '/api/v4/site/ping');
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/text\/html/);
			expect((await call(server, 'GET', '/api/v3/site/ping')).body).toEqual({ code: 0, data: '3.8.3', msg: '' });
		} finally {
			await server.close();
		}
	});

	it('not-cloudreve answers hello everywhere', async () => {
		const server = await startServer({ flavor: 'not-cloudreve' });
		try {
			for (const p of ['/api/v4/site/ping', '/', '/api/v3/site/ping']) {
				const r = await call(server, 'GET', p);
				expect(r.status).toBe(200);
				expect(r.text).toBe('<html>hello</html>');
			}
		} finally {
			await server.close();
		}
	});

	it('pro servers append -pro to the version', async () => {
		const server = await startServer({ pro: true, seedDemo: false });
		try {
			expect((await api(server, 'GET', '/site/ping')).body.data).toBe('4.18.0-pro');
		} finally {
			await server.close();
		}
	});
});
