// Issue 2: a credential that stays signed in (password, 2FA, refresh), every sign-in error with its message,
// and the transport's retries — all over real HTTP against the test server.
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { Cloudreve } from '../../nodes/Cloudreve/Cloudreve.node';
import { DEMO, startServer, type TestServer } from '../server';
import { errorOf, items } from './harness/common';
import { CredentialStore, runNode } from './harness/context';

const node = new Cloudreve();

const listDocuments = { resource: 'file', operation: 'list', folder: { __rl: true, mode: 'path', value: '/Documents' }, returnAll: true };
const getMe = { resource: 'user', operation: 'getCurrent' };

function passwordStore(srv: TestServer, extra: IDataObject = {}): CredentialStore {
	return new CredentialStore({ baseUrl: srv.url, email: DEMO.email, password: DEMO.password, ...extra });
}

function totpStore(srv: TestServer, extra: IDataObject = {}): CredentialStore {
	return new CredentialStore({ baseUrl: srv.url, email: DEMO.totpEmail, password: DEMO.totpPassword, totpSecret: DEMO.totpSecret, ...extra });
}

describe('credential and transport', () => {
	let srv: TestServer;
	beforeEach(async () => {
		srv = await startServer({ port: 0 });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('signs a 2FA account in unattended, once, and reuses the stored token in the next execution', async () => {
		const store = totpStore(srv);
		const [out] = await runNode(node, { parameters: getMe, store });
		expect(out[0].json.email).toBe(DEMO.totpEmail);
		expect(srv.stats.twoFactorSignIns).toBe(1);
		expect(store.data.accessToken).not.toBe('');
		expect(store.saves).toBe(1);
		await runNode(node, { parameters: getMe, store });
		expect(srv.stats.twoFactorSignIns).toBe(1);
		expect(srv.stats.signIns).toBe(0);
		expect(store.saves).toBe(1);
	});

	it('keeps a 500-item run working across access-token expiry with at most one sign-in', async () => {
		srv.settings.accessTtlSeconds = 2;
		srv.faults.latency(8, /\/file$/);
		srv.fs.put(DEMO.totpEmail, '/Documents/a.txt', 'a');
		srv.fs.put(DEMO.totpEmail, '/Documents/b.txt', 'b');
		const store = totpStore(srv);
		const started = Date.now();
		const [out] = await runNode(node, { parameters: { ...getMe }, items: items(500), store });
		const ms = Date.now() - started;
		expect(out).toHaveLength(500);
		expect(out.every((o) => o.json.email === DEMO.totpEmail)).toBe(true);
		// Whatever the speed, never a sign-in per item.
		expect(srv.stats.signIns + srv.stats.twoFactorSignIns).toBe(1);
		const list = await runNode(node, { parameters: listDocuments, items: items(500), store });
		expect(list[0]).toHaveLength(500 * 2);
		expect(srv.stats.signIns + srv.stats.twoFactorSignIns).toBe(1);
		expect(srv.stats.refreshes).toBeGreaterThanOrEqual(1);
		process.stdout.write(`500+500 items over ${Date.now() - started} ms (first run ${ms} ms): sign-ins ${srv.stats.signIns + srv.stats.twoFactorSignIns}, refreshes ${srv.stats.refreshes}\n`);
	}, 60_000);

	it('falls back to one full sign-in when the refresh token has expired or was revoked', async () => {
		srv.settings.accessTtlSeconds = 1;
		srv.settings.refreshTtlSeconds = 4; // slides with every refresh; 4 s keeps a slow CI machine from losing it mid-run
		const store = totpStore(srv);
		await runNode(node, { parameters: getMe, store });
		expect(srv.stats.twoFactorSignIns).toBe(1);
		await new Promise((r) => setTimeout(r, 4500)); // both tokens are dead now
		const [out] = await runNode(node, { parameters: getMe, items: items(500), store });
		expect(out).toHaveLength(500);
		expect(srv.stats.twoFactorSignIns).toBe(2);

		srv.settings.accessTtlSeconds = 3600;
		srv.settings.refreshTtlSeconds = 3600;
		await runNode(node, { parameters: getMe, store });
		srv.users.revokeSessions(DEMO.totpEmail);
		store.data.accessToken = 'expired-or-foreign';
		const again = await runNode(node, { parameters: getMe, items: items(50), store });
		expect(again[0]).toHaveLength(50);
		expect(srv.stats.twoFactorSignIns).toBe(3);
	});

	it('recovers from an access token the server silently treats as anonymous (code 401) with one re-login', async () => {
		const store = passwordStore(srv);
		await runNode(node, { parameters: getMe, store });
		// A token signed by another site is "valid-looking" but anonymous on this one.
		store.data.accessToken = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.sig';
		store.data.accessExpiresAt = Date.now() + 3_600_000;
		const before = srv.stats.refreshes + srv.stats.signIns;
		const [out] = await runNode(node, { parameters: getMe, items: items(20), store });
		expect(out).toHaveLength(20);
		expect(srv.stats.refreshes + srv.stats.signIns - before).toBe(1);
	});

	it('signs in fresh when the credential was edited, and fails visibly if the new password is wrong', async () => {
		const store = passwordStore(srv);
		await runNode(node, { parameters: getMe, store });
		store.data.password = 'not-the-password';
		const err = await errorOf(runNode(node, { parameters: getMe, store }));
		expect(err.message).toBe('Wrong email or password');
		expect(err.description).toMatch(/40080/);
	});

	it('works in refresh-token mode and explains a rejected refresh token', async () => {
		const login = (await (
			await fetch(`${srv.url}/api/v4/session/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
			})
		).json()) as { data: { token: { refresh_token: string } } };
		const pasted = login.data.token.refresh_token;
		const signInsBefore = srv.stats.signIns;
		const store = new CredentialStore({ baseUrl: `${srv.url}/api/v4/`, authMode: 'refreshToken', manualRefreshToken: pasted });
		const [out] = await runNode(node, { parameters: getMe, store });
		expect(out[0].json.email).toBe(DEMO.email);
		expect(srv.stats.signIns).toBe(signInsBefore);
		expect(store.data.refreshToken).not.toBe(pasted);

		srv.users.revokeSessions(DEMO.email);
		const revoked = new CredentialStore({ baseUrl: srv.url, authMode: 'refreshToken', manualRefreshToken: pasted });
		const err = await errorOf(runNode(node, { parameters: getMe, store: revoked }));
		expect(err.message).toBe('Cloudreve rejected the refresh token');
		expect(err.description).toMatch(/new refresh token/);
	});

	describe('sign-in errors, each with its message', () => {
		it('wrong email or password (40080)', async () => {
			const err = await errorOf(runNode(node, { parameters: getMe, store: passwordStore(srv, { password: 'wrong-password' }) }));
			expect(err.message).toBe('Wrong email or password');
		});

		it('2FA on but no secret', async () => {
			const err = await errorOf(runNode(node, { parameters: getMe, store: totpStore(srv, { totpSecret: '' }) }));
			expect(err.message).toMatch(/Two-factor authentication is enabled .* no TOTP secret/);
			expect(err.description).toMatch(/base32/);
		});

		it('a wrong TOTP code: hint at clock skew or a wrong secret', async () => {
			const err = await errorOf(runNode(node, { parameters: getMe, store: totpStore(srv, { totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }) }));
			expect(err.message).toBe('Cloudreve rejected the two-factor code');
			expect(err.description).toMatch(/clock/);
			expect(err.description).toMatch(/40022/);
		}, 45_000);

		it('a TOTP secret that is not base32', async () => {
			const err = await errorOf(runNode(node, { parameters: getMe, store: totpStore(srv, { totpSecret: 'not base32 1' }) }));
			expect(err.message).toBe('The TOTP secret in the credential is invalid');
		});

		it('captcha required: names the captcha type and suggests refresh-token mode', async () => {
			srv.settings.loginCaptcha = true;
			srv.settings.captchaType = 'turnstile';
			const err = await errorOf(runNode(node, { parameters: getMe, store: passwordStore(srv) }));
			expect(err.message).toBe('The site requires a captcha (turnstile) to sign in: use the "Refresh Token" authentication');
			expect(err.description).toMatch(/Refresh Token/);
		});

		it('account inactive or banned', async () => {
			srv.users.add({ email: 'inactive@cloudreve.test', password: 'inactive-pass', status: 'inactive' });
			srv.users.add({ email: 'banned@cloudreve.test', password: 'banned-pass', status: 'manual_banned' });
			const inactive = await errorOf(
				runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: srv.url, email: 'inactive@cloudreve.test', password: 'inactive-pass' }) }),
			);
			expect(inactive.message).toBe('This Cloudreve account is not activated');
			const banned = await errorOf(
				runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: srv.url, email: 'banned@cloudreve.test', password: 'banned-pass' }) }),
			);
			expect(banned.message).toBe('This Cloudreve account is banned');
		});

		it('passkey-only account', async () => {
			srv.users.add({ email: 'passkey@cloudreve.test' });
			const err = await errorOf(
				runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: srv.url, email: 'passkey@cloudreve.test', password: 'anything-at-all' }) }),
			);
			expect(err.message).toBe('This account signs in with a passkey only: use the "Refresh Token" authentication');
			expect(err.description).toMatch(/Refresh Token/);
		});

		it('site unreachable', async () => {
			const closed = await startServer({ port: 0, seedDemo: false });
			const url = closed.url;
			await closed.close();
			const err = await errorOf(runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: url, email: DEMO.email, password: DEMO.password }) }));
			expect(err.message).toBe(`Cannot reach ${url}`);
			expect(err.description).toMatch(/ECONNREFUSED/);
		});

		it('TLS failure, and "Ignore SSL Issues" gets past it', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'tls-'));
			execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
			const proxy = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, async (req, res) => {
				const chunks: Buffer[] = [];
				for await (const c of req) chunks.push(c as Buffer);
				const upstream = await fetch(`${srv.url}${req.url}`, {
					method: req.method,
					headers: req.headers as Record<string, string>,
					body: chunks.length ? Buffer.concat(chunks) : undefined,
				});
				res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' });
				res.end(Buffer.from(await upstream.arrayBuffer()));
			});
			await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
			const url = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
			try {
				const err = await errorOf(runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: url, email: DEMO.email, password: DEMO.password }) }));
				expect(err.message).toBe(`TLS certificate of ${url} was rejected`);
				expect(err.description).toMatch(/Ignore SSL Issues/);
				const [out] = await runNode(node, {
					parameters: getMe,
					store: new CredentialStore({ baseUrl: url, email: DEMO.email, password: DEMO.password, ignoreSslIssues: true }),
				});
				expect(out[0].json.email).toBe(DEMO.email);
			} finally {
				proxy.close();
			}
		});

		it('a Cloudreve v3 site, and a URL that is not Cloudreve', async () => {
			const v3 = await startServer({ port: 0, flavor: 'v3' });
			const other = await startServer({ port: 0, flavor: 'not-cloudreve' });
			try {
				const e3 = await errorOf(runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: v3.url, email: DEMO.email, password: DEMO.password }) }));
				expect(e3.message).toBe(`${v3.url} runs Cloudreve 3.8.3, not Cloudreve v4`);
				const eo = await errorOf(runNode(node, { parameters: getMe, store: new CredentialStore({ baseUrl: other.url, email: DEMO.email, password: DEMO.password }) }));
				expect(eo.message).toBe(`${other.url} is not a Cloudreve v4 site`);
			} finally {
				await v3.close();
				await other.close();
			}
		});
	});

	describe('retries', () => {
		it('retries idempotent calls on 5xx, 429 and reset connections', async () => {
			const store = passwordStore(srv);
			await runNode(node, { parameters: getMe, store });
			srv.faults.fail5xx({ times: 2, status: 503, match: /^GET \/api\/v4\/file$/ });
			srv.faults.rateLimit({ times: 1, retryAfterSeconds: 0, match: /^GET \/api\/v4\/file$/ });
			const [out] = await runNode(node, { parameters: listDocuments, store });
			expect(out.map((o) => o.json.name).sort()).toEqual(['Reports', 'readme.md']);
			srv.faults.reset({ times: 1, match: /^GET \/api\/v4\/user\/me$/ });
			const [me] = await runNode(node, { parameters: getMe, store });
			expect(me[0].json.email).toBe(DEMO.email);
		});

		it('never repeats a mutation blindly', async () => {
			const store = passwordStore(srv);
			await runNode(node, { parameters: getMe, store });
			srv.faults.fail5xx({ times: 1, status: 502, match: /^POST \/api\/v4\/file\/create$/ });
			const params = { resource: 'folder', operation: 'create', parentFolder: { __rl: true, mode: 'path', value: '/' }, name: 'Once' };
			const err = await errorOf(runNode(node, { parameters: params, store }));
			expect(err.message).toBe('Cloudreve answered HTTP 502');
			expect(srv.requestLog.filter((r) => r.method === 'POST' && r.path === '/api/v4/file/create')).toHaveLength(1);
		});

		it('honours continueOnFail with pairedItem', async () => {
			const store = passwordStore(srv);
			const params = { ...listDocuments, folder: { __rl: true, mode: 'path', value: (i: number) => (i === 1 ? '/Missing' : '/Documents') } };
			const [out] = await runNode(node, {
				parameters: { ...params, folder: (i: number) => ({ __rl: true, mode: 'path', value: i === 1 ? '/Missing' : '/Documents' }) },
				items: items(3),
				store,
				continueOnFail: true,
			});
			const errors = out.filter((o) => o.json.error);
			expect(errors).toHaveLength(1);
			expect(errors[0].pairedItem).toEqual({ item: 1 });
			expect(errors[0].json.error).toBe('Cloudreve error 40016: The path does not exist');
			expect(out.filter((o) => !o.json.error)).toHaveLength(4);
		});
	});

	it('never puts secrets into outputs or error messages', async () => {
		srv.fs.put(DEMO.totpEmail, '/Documents/a.txt', 'a');
		const store = totpStore(srv);
		const captured: unknown[] = [];
		captured.push(await runNode(node, { parameters: getMe, store }));
		captured.push(await runNode(node, { parameters: listDocuments, store }));
		for (const bad of [{ password: 'wrong-password' }, { totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }, { totpSecret: '' }]) {
			try {
				await runNode(node, { parameters: getMe, store: totpStore(srv, bad) });
			} catch (error) {
				const e = error as Error & { description?: string; cause?: unknown };
				captured.push({ message: e.message, description: e.description, stack: e.stack, json: JSON.stringify(e) });
			}
		}
		const text = JSON.stringify(captured);
		const secrets = [DEMO.totpPassword, DEMO.totpSecret, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'wrong-password', String(store.data.accessToken), String(store.data.refreshToken)];
		for (const secret of secrets) {
			expect(secret.length).toBeGreaterThan(8);
			expect(text).not.toContain(secret);
		}
	}, 60_000);
});
