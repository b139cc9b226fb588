// Issue 4, User and Site operations: users by ID and search, preferences (incl. password change and 2FA on/off),
// profile picture (binary in and out), sign-up, password reset by mail link, site config and captcha.
import { authenticator } from 'otplib';

import { Cloudreve } from '../../nodes/Cloudreve/Cloudreve.node';
import { DEMO, startServer, type TestServer } from '../server';
import { CredentialStore } from './harness/context';
import { errorOf, runWith, storeFor } from './harness/account';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const BOB = { email: 'bob@cloudreve.test', password: 'bob-password-1' };

describe('user and site operations', () => {
	let srv: TestServer;
	const user = (parameters: Record<string, unknown>, opts: Parameters<typeof runWith>[2] = {}) => runWith(srv, { resource: 'user', ...parameters }, opts);
	const site = (parameters: Record<string, unknown>, opts: Parameters<typeof runWith>[2] = {}) => runWith(srv, { resource: 'site', ...parameters }, opts);
	const asBob = () => ({ store: storeFor(srv, BOB.email, BOB.password) });

	beforeEach(async () => {
		srv = await startServer({ port: 0 });
		srv.users.add({ email: BOB.email, password: BOB.password, group: 'user', nickname: 'Bob' });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('gets a user by ID and searches users; explains a too-short keyword and an unknown ID', async () => {
		const [me] = await user({ operation: 'getCurrent' });
		const [other] = await user({ operation: 'get', userId: me.json.id }, asBob());
		expect(other.json).toMatchObject({ id: me.json.id, nickname: 'Demo', email: DEMO.email, group: { name: 'Admin' } });
		expect(other.json.status).toBeUndefined();
		const found = await user({ operation: 'search', keyword: 'BOB' });
		expect(found.map((i) => i.json.email)).toEqual([BOB.email]);
		expect(await user({ operation: 'search', keyword: 'nobody-here' })).toEqual([]);
		const short = await errorOf(user({ operation: 'search', keyword: 'b' }));
		expect(short.message).toBe('Keyword must have at least 2 characters');
		const unknown = await errorOf(user({ operation: 'get', userId: 'zzzzzzzz' }));
		expect(unknown.cloudreveCode).toBe(40001);
	});

	it('reads and updates preferences; only the fields given change', async () => {
		const [before] = await user({ operation: 'getPreferences' }, asBob());
		expect(before.json).toMatchObject({ version_retention_enabled: true, version_retention_max: 10, two_fa_enabled: false, share_links_in_profile: '' });
		const [after] = await user(
			{ operation: 'updatePreferences', updateFields: { nick: 'Robert', versionRetentionMax: 3, versionRetentionExt: '.docx, xlsx', shareLinksInProfile: 'all_share' } },
			asBob(),
		);
		expect(after.json).toMatchObject({ version_retention_max: 3, version_retention_ext: ['docx', 'xlsx'], share_links_in_profile: 'all_share', version_retention_enabled: true });
		expect(after.json.updated).toEqual(['nick', 'version_retention_ext', 'version_retention_max', 'share_links_in_profile']);
		expect(srv.users.get(BOB.email)?.nickname).toBe('Robert');
		const nothing = await errorOf(user({ operation: 'updatePreferences', updateFields: {} }, asBob()));
		expect(nothing.message).toBe('Nothing to update');
	});

	it('deletes a passkey listed in the preferences; an unknown one is 404', async () => {
		srv.users.get(BOB.email)!.passkeys.push({ id: 'cred-abc', name: 'YubiKey', createdAt: Date.now() * 1000 });
		const [prefs] = await user({ operation: 'getPreferences' }, asBob());
		expect(prefs.json.passkeys).toEqual([expect.objectContaining({ id: 'cred-abc', name: 'YubiKey' })]);
		const [deleted] = await user({ operation: 'deletePasskey', passkeyId: 'cred-abc' }, asBob());
		expect(deleted.json).toEqual({ id: 'cred-abc', deleted: true });
		expect(srv.users.get(BOB.email)!.passkeys).toEqual([]);
		const again = await errorOf(user({ operation: 'deletePasskey', passkeyId: 'cred-abc' }, asBob()));
		expect(again.cloudreveCode).toBe(404);
	});

	it('changes the password (wrong current password is 40069) and the new one signs in', async () => {
		const wrong = await errorOf(user({ operation: 'updatePreferences', updateFields: { currentPassword: 'not-it', newPassword: 'bob-new-pass-2' } }, asBob()));
		expect(wrong.cloudreveCode).toBe(40069);
		const half = await errorOf(user({ operation: 'updatePreferences', updateFields: { newPassword: 'bob-new-pass-2' } }, asBob()));
		expect(half.message).toBe('Current Password and New Password go together');
		await user({ operation: 'updatePreferences', updateFields: { currentPassword: BOB.password, newPassword: 'bob-new-pass-2' } }, asBob());
		const [me] = await user({ operation: 'getCurrent' }, { store: storeFor(srv, BOB.email, 'bob-new-pass-2') });
		expect(me.json.email).toBe(BOB.email);
		const old = await errorOf(user({ operation: 'getCurrent' }, asBob()));
		expect(old.message).toContain('Wrong email or password');
	});

	it('prepares 2FA (sensitive secret), enables it with a code, signs in with TOTP, and disables it', async () => {
		const [prepared] = await user({ operation: 'prepareTwoFactor' }, asBob());
		const secret = String(prepared.json.secret);
		expect(secret).toMatch(/^[A-Z2-7]+=*$/);
		expect(prepared.json).toMatchObject({ sensitive: true, expiresInSeconds: 600 });
		expect(prepared.json.otpauthUrl).toBe(`otpauth://totp/Cloudreve:${encodeURIComponent(BOB.email)}?secret=${secret}&issuer=Cloudreve&algorithm=SHA1&digits=6&period=30`);
		const notice = new Cloudreve().description.properties.find((p) => p.name === 'twoFactorNotice');
		expect(notice?.displayName).toContain('treat it like a password');

		const badCode = await errorOf(user({ operation: 'updatePreferences', updateFields: { twoFactor: 'enable', twoFactorCode: '000000' } }, asBob()));
		expect(badCode.cloudreveCode).toBe(40022);
		const [enabled] = await user({ operation: 'updatePreferences', updateFields: { twoFactor: 'enable', twoFactorCode: authenticator.generate(secret) } }, asBob());
		expect(enabled.json.two_fa_enabled).toBe(true);

		const totpStore = new CredentialStore({ baseUrl: srv.url, email: BOB.email, password: BOB.password, totpSecret: secret });
		const [me] = await user({ operation: 'getCurrent' }, { store: totpStore });
		expect(me.json.email).toBe(BOB.email);
		const [disabled] = await user({ operation: 'updatePreferences', updateFields: { twoFactor: 'disable', twoFactorCode: authenticator.generate(secret) } }, { store: totpStore });
		expect(disabled.json.two_fa_enabled).toBe(false);
	});

	it('uploads a profile picture from a binary field or base64, downloads it as binary, and switches to Gravatar', async () => {
		const [none] = await user({ operation: 'getAvatar' }, asBob());
		expect(none.json).toMatchObject({ avatar: 'none' });
		expect(none.binary).toBeUndefined();

		const input = [{ json: {}, binary: { photo: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'me.png' } } }];
		const [uploaded] = await user({ operation: 'updateAvatar', source: 'binary', binaryPropertyName: 'photo' }, { ...asBob(), items: input });
		expect(uploaded.json).toEqual({ avatar: 'file', size: PNG.length });
		const put = srv.requestLog.find((r) => r.method === 'PUT' && r.path === '/api/v4/user/setting/avatar');
		expect(put?.code).toBe(0);

		const [bobMe] = await user({ operation: 'getCurrent' }, asBob());
		const [got] = await user({ operation: 'getAvatar', userId: bobMe.json.id, binaryPropertyName: 'picture' });
		expect(got.json).toMatchObject({ avatar: 'file', mimeType: 'image/png', size: PNG.length });
		expect(Buffer.from(got.binary!.picture.data, 'base64').equals(PNG)).toBe(true);

		await user({ operation: 'updateAvatar', source: 'base64', imageBase64: `data:image/png;base64,${PNG.toString('base64')}` }, asBob());
		expect(srv.users.get(BOB.email)?.avatarBlob?.equals(PNG)).toBe(true);

		const [gravatar] = await user({ operation: 'updateAvatar', source: 'gravatar' }, asBob());
		expect(gravatar.json).toEqual({ avatar: 'gravatar', size: 0 });
		const [redirect] = await user({ operation: 'getAvatar' }, asBob());
		expect(redirect.json.avatar).toBe('gravatar');
		expect(String(redirect.json.url)).toMatch(/^https:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{32}\?d=mm&s=200$/);

		const missing = await errorOf(user({ operation: 'updateAvatar', source: 'binary', binaryPropertyName: 'nope' }, asBob()));
		expect(missing.message).toContain("binary file 'nope'");
		const notImage = await errorOf(user({ operation: 'updateAvatar', source: 'base64', imageBase64: Buffer.from('hello').toString('base64') }, asBob()));
		expect(notImage.cloudreveCode).toBe(40001);
	});

	it('hides binary-only fields from AI tools and keeps a text alternative', () => {
		const props = new Cloudreve().description.properties;
		const binaryField = props.find((p) => p.name === 'binaryPropertyName' && p.displayOptions?.show?.operation?.includes('updateAvatar'));
		expect(binaryField?.displayOptions?.show?.['@tool']).toEqual([false]);
		const base64 = props.find((p) => p.name === 'imageBase64');
		expect(base64?.displayOptions?.show?.['@tool']).toBeUndefined();
		expect(new Cloudreve().description.usableAsTool).toBe(true);
	});

	it('signs up users (with activation pending, with a captcha, duplicate e-mail)', async () => {
		const [created] = await user({ operation: 'signUp', email: 'Carol@Cloudreve.test', password: 'carol-pass-1', options: { language: 'en-US' } });
		expect(created.json).toMatchObject({ email: 'carol@cloudreve.test', nickname: 'carol', activationRequired: false, group: { name: 'User' } });
		const dup = await errorOf(user({ operation: 'signUp', email: 'carol@cloudreve.test', password: 'carol-pass-1' }));
		expect(dup.cloudreveCode).toBe(40032);
		const short = await errorOf(user({ operation: 'signUp', email: 'dan@cloudreve.test', password: '123' }));
		expect(short.message).toBe('Password must have 6–128 characters');

		srv.settings.emailActivation = true;
		const [pending] = await user({ operation: 'signUp', email: 'dan@cloudreve.test', password: 'dan-pass-12' });
		expect(pending.json).toEqual({ email: 'dan@cloudreve.test', activationRequired: true });
		srv.settings.emailActivation = false;

		srv.settings.regCaptcha = true;
		const [captcha] = await site({ operation: 'getCaptcha' });
		const ticket = String(captcha.json.ticket);
		expect(captcha.binary?.data.mimeType).toBe('image/png');
		expect(Buffer.from(captcha.binary!.data.data, 'base64').subarray(0, 4).toString('hex')).toBe('89504e47');
		expect(String(captcha.json.image)).toMatch(/^data:image\/png;base64,/);
		const noCaptcha = await errorOf(user({ operation: 'signUp', email: 'erin@cloudreve.test', password: 'erin-pass-1' }));
		expect(noCaptcha.cloudreveCode).toBe(40026);
		const [withCaptcha] = await user({
			operation: 'signUp',
			email: 'erin@cloudreve.test',
			password: 'erin-pass-1',
			options: { captcha: srv.captchaAnswer(ticket), ticket },
		});
		expect(withCaptcha.json.email).toBe('erin@cloudreve.test');
	});

	it('sends the reset mail and resets the password from the link (single use)', async () => {
		const [sent] = await user({ operation: 'sendResetEmail', email: BOB.email });
		expect(sent.json).toEqual({ email: BOB.email, sent: true });
		const unknown = await errorOf(user({ operation: 'sendResetEmail', email: 'nobody@cloudreve.test' }));
		expect(unknown.cloudreveCode).toBe(40021);
		const secret = srv.lastResetSecret(BOB.email)!;
		const [bobMe] = await user({ operation: 'getCurrent' }, asBob());
		const link = `${srv.url}/session/reset?id=${String(bobMe.json.id)}&secret=${secret}`;
		const [reset] = await user({ operation: 'resetPassword', resetLink: link, newPassword: 'bob-reset-9' });
		expect(reset.json).toMatchObject({ email: BOB.email, passwordReset: true });
		const [me] = await user({ operation: 'getCurrent' }, { store: storeFor(srv, BOB.email, 'bob-reset-9') });
		expect(me.json.email).toBe(BOB.email);
		const reused = await errorOf(user({ operation: 'resetPassword', resetLink: link, newPassword: 'bob-reset-10' }));
		expect(reused.cloudreveCode).toBe(40030);
		const malformed = await errorOf(user({ operation: 'resetPassword', resetLink: 'https://x/session/reset', newPassword: 'bob-reset-10' }));
		expect(malformed.message).toBe('Reset Link does not contain "id" and "secret"');
	});

	it('signs out a session by its refresh token: its chain dies, the credential\'s own session lives on', async () => {
		const signIn = async () =>
			((await (
				await fetch(`${srv.url}/api/v4/session/token`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ email: BOB.email, password: BOB.password }),
				})
			).json()) as { data: { token: { refresh_token: string } } }).data.token.refresh_token;
		const refresh = async (token: string) =>
			((await (
				await fetch(`${srv.url}/api/v4/session/token/refresh`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ refresh_token: token }),
				})
			).json()) as { code: number }).code;
		const other = await signIn();
		const bob = asBob();
		expect((await user({ operation: 'signOut', refreshToken: other }, bob))[0].json).toEqual({ signedOut: true });
		expect(await refresh(other)).toBe(40020);
		expect(srv.stats.signOuts).toBe(1);
		const [me] = await user({ operation: 'getCurrent' }, bob);
		expect(me.json.email).toBe(BOB.email);
		expect(await refresh(String(bob.store.data.refreshToken))).toBe(0);
		const renewalsBefore = srv.stats.signIns + srv.stats.refreshes;
		const bad = await errorOf(user({ operation: 'signOut', refreshToken: 'not-a-token' }, bob));
		expect(bad.message).toBe('Cloudreve error 40020: The credential or token is invalid');
		expect(srv.stats.signIns + srv.stats.refreshes).toBe(renewalsBefore); // a 40020 about the body's token is not ours
		const empty = await errorOf(user({ operation: 'signOut', refreshToken: ' ' }, bob));
		expect(empty.message).toBe('Refresh Token is empty');
	});

	it('reads site config sections', async () => {
		const [login] = await site({ operation: 'getConfig', section: 'login' });
		expect(login.json).toMatchObject({ section: 'login', register_enabled: true, authn: true });
		const [explorer] = await site({ operation: 'getConfig', section: 'explorer' });
		expect(explorer.json.max_batch_size).toBe(3000);
		const [basic] = await site({ operation: 'getConfig', section: 'basic' });
		expect(basic.json).toMatchObject({ title: 'Cloudreve', user: { email: DEMO.email } });
	});
});
