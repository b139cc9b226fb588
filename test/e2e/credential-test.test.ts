// The credential's "Test" button in a real n8n (POST /rest/credentials/test, what the editor calls): the
// declarative test request — its expressions, the refresh-token branch and the rules per Cloudreve code —
// must work inside n8n's own credential tester, on both n8n lines.
import { DEMO, startServer } from '../server';
import { createN8nHome, N8N_VERSIONS, removeN8nHome, rest, setupOwner, startN8n, type N8nHome, type RunningN8n } from './harness';

type TestServer = Awaited<ReturnType<typeof startServer>>;

jest.setTimeout(30 * 60_000);

interface TestResult {
	status: string;
	message?: string;
}

describe.each(N8N_VERSIONS)('credential test in n8n %s', (version) => {
	let srv: TestServer;
	let home: N8nHome;
	let n8n: RunningN8n;
	let test: (data: Record<string, unknown>) => Promise<TestResult>;

	beforeAll(async () => {
		srv = await startServer({ port: 0 });
		home = createN8nHome(version);
		n8n = await startN8n(home);
		const session = await setupOwner(n8n.url, { email: 'owner@n8n.local', password: 'Owner-password-2026' });
		// Like the editor: the credential is saved first, then tested with its id and the form's data.
		let n = 0;
		test = async (data) => {
			const credential = { name: `Cloudreve test ${++n}`, type: 'cloudreveApi', data: { accessToken: '', refreshToken: '', identity: '', ...data } };
			const saved = await rest<{ id: string }>(session, 'POST', '/credentials', credential);
			return await rest<TestResult>(session, 'POST', '/credentials/test', { credentials: { id: saved.id, ...credential } });
		};
	});

	afterAll(async () => {
		await n8n?.stop();
		await srv?.close();
		if (home) removeN8nHome(home);
	});

	it('passes with the right password (URL given with /api/v4/) and names the reason when it fails', async () => {
		expect(await test({ baseUrl: `${srv.url}/api/v4/`, authMode: 'password', email: DEMO.email, password: DEMO.password })).toMatchObject({ status: 'OK' });
		const wrong = await test({ baseUrl: srv.url, authMode: 'password', email: DEMO.email, password: 'wrong-password-1' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/Wrong email or password/);
		srv.users.add({ email: 'banned@cloudreve.test', password: 'banned-pass', status: 'manual_banned' });
		const banned = await test({ baseUrl: srv.url, authMode: 'password', email: 'banned@cloudreve.test', password: 'banned-pass' });
		expect(banned.message).toMatch(/banned/);
	});

	it('signs a 2FA account in with its TOTP secret, and says what is missing without it', async () => {
		// With no stored session n8n runs preAuthentication first, so the whole sign-in, TOTP included, is tested.
		const account = { baseUrl: srv.url, authMode: 'password', email: DEMO.totpEmail, password: DEMO.totpPassword };
		expect(await test({ ...account, totpSecret: DEMO.totpSecret })).toMatchObject({ status: 'OK' });
		const noSecret = await test(account);
		expect(noSecret.status).toBe('Error');
		expect(noSecret.message).toMatch(/Two-factor authentication is enabled/);
		const wrongSecret = await test({ ...account, totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
		expect(wrongSecret.message).toMatch(/rejected the two-factor code/);
	});

	it('fails on a wrong password even when a valid session token is still stored', async () => {
		const login = (await (
			await fetch(`${srv.url}/api/v4/session/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
			})
		).json()) as { data: { token: { access_token: string; refresh_token: string } } };
		const stored = { accessToken: login.data.token.access_token, refreshToken: login.data.token.refresh_token, accessExpiresAt: Date.now() + 3_600_000 };
		const result = await test({ baseUrl: srv.url, authMode: 'password', email: DEMO.email, password: 'changed-password-1', ...stored });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Wrong email or password/);
	});

	it('reports a captcha with the way out', async () => {
		srv.settings.loginCaptcha = true;
		try {
			const captcha = await test({ baseUrl: srv.url, authMode: 'password', email: DEMO.email, password: DEMO.password });
			expect(captcha.status).toBe('Error');
			expect(captcha.message).toMatch(/captcha/i);
			expect(captcha.message).toMatch(/Refresh Token/);
		} finally {
			srv.settings.loginCaptcha = false;
		}
	});

	it('checks a pasted refresh token in refresh-token mode', async () => {
		const login = (await (
			await fetch(`${srv.url}/api/v4/session/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
			})
		).json()) as { data: { token: { refresh_token: string } } };
		const token = login.data.token.refresh_token;
		expect(await test({ baseUrl: srv.url, authMode: 'refreshToken', manualRefreshToken: token })).toMatchObject({ status: 'OK' });
		const bad = await test({ baseUrl: srv.url, authMode: 'refreshToken', manualRefreshToken: 'not-a-refresh-token' });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/rejected the refresh token/);
	});
});
