import { createHash, randomBytes } from 'node:crypto';
import { checkCaptcha, checkTotp, newTotpSecret, requireLogin } from '../auth';
import { rfc3339 } from '../clock';
import { type Ctx, Reply } from '../context';
import { AppError, bindingErr, Code } from '../errors';
import { decodeId, IdType } from '../hashid';
import type { Router } from '../router';
import { redactedUserJson, userJson } from '../serialize';
import type { UserRecord } from '../types';
import { bind } from '../validate';

// §2.3 User (community routes). Passkey registration (/user/authn) and /user/shares/:id belong to other groups.

const TWO_FA_PENDING_MS = 600_000;
const RESET_LINK_MS = 3600_000;

const COLOR_RE = /^(#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)|rgba\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*[\d.]+\s*\)|hsla?\([^)]*\))$/;

function me(ctx: Ctx) {
	return userJson(ctx.state, requireLogin(ctx));
}

function capacity(ctx: Ctx) {
	const user = requireLogin(ctx);
	return { total: ctx.state.group(user).maxStorage, used: ctx.state.usedStorage(user.id) };
}

function getSetting(ctx: Ctx) {
	const u = requireLogin(ctx);
	const out: Record<string, unknown> = {
		version_retention_enabled: u.versionRetentionEnabled,
	};
	if (u.versionRetentionExt?.length) out.version_retention_ext = u.versionRetentionExt;
	if (u.versionRetentionMax) out.version_retention_max = u.versionRetentionMax;
	out.passwordless = u.passwordHash === null;
	out.two_fa_enabled = u.totpSecret !== null;
	if (u.passkeys.length) {
		out.passkeys = u.passkeys.map((p) => {
			const pk: Record<string, unknown> = { id: p.id, name: p.name, created_at: rfc3339(p.createdAt) };
			if (p.usedAt) pk.used_at = rfc3339(p.usedAt);
			return pk;
		});
	}
	out.disable_view_sync = u.disableViewSync;
	out.share_links_in_profile = u.shareLinksInProfile;
	return out;
}

function prepare2fa(ctx: Ctx) {
	const u = requireLogin(ctx);
	const secret = newTotpSecret();
	ctx.state.pendingTotp.set(u.id, { secret, expiresAt: Date.now() + TWO_FA_PENDING_MS });
	return secret;
}

interface SettingPatch {
	nick?: string;
	language?: string;
	preferred_theme?: string;
	version_retention_enabled?: boolean;
	version_retention_ext?: string[];
	version_retention_max?: number;
	current_password?: string;
	new_password?: string;
	two_fa_enabled?: boolean;
	two_fa_code?: string;
	disable_view_sync?: boolean;
	share_links_in_profile?: string;
}

async function patchSetting(ctx: Ctx) {
	const u = requireLogin(ctx);
	const { state } = ctx;
	const raw = await ctx.json();
	const body = bind<SettingPatch>(raw, {
		nick: { type: 'string', min: 1, max: 255 },
		language: { type: 'string', min: 1, max: 255 },
		preferred_theme: { type: 'string', check: (v) => (COLOR_RE.test(String(v)) ? undefined : 'hexcolor|rgb|rgba|hsl') },
		version_retention_enabled: { type: 'bool' },
		version_retention_ext: { type: 'array', items: 'string' },
		version_retention_max: { type: 'int', min: 0 },
		current_password: { type: 'string', min: 4, max: 128 },
		new_password: { type: 'string', min: 6, max: 128 },
		two_fa_enabled: { type: 'bool' },
		two_fa_code: { type: 'string' },
		disable_view_sync: { type: 'bool' },
		share_links_in_profile: { type: 'string' },
	});
	const has = (k: keyof SettingPatch) => body[k] !== undefined && body[k] !== null;
	if (has('current_password') !== has('new_password')) throw bindingErr('Parameter error');
	if (has('nick')) u.nickname = body.nick!;
	if (has('language')) u.language = body.language!;
	if (has('preferred_theme')) u.preferredTheme = body.preferred_theme!;
	if (has('version_retention_enabled')) u.versionRetentionEnabled = body.version_retention_enabled!;
	if (has('version_retention_ext')) u.versionRetentionExt = body.version_retention_ext!;
	if (has('version_retention_max')) u.versionRetentionMax = body.version_retention_max!;
	if (has('disable_view_sync')) u.disableViewSync = body.disable_view_sync!;
	if (has('share_links_in_profile')) u.shareLinksInProfile = body.share_links_in_profile!;
	if (has('current_password')) {
		if (!state.checkPassword(u, body.current_password!)) throw new AppError(Code.IncorrectPassword, 'Incorrect password');
		// A new password hash changes the state hash: every refresh token of the user dies (§1.9).
		u.passwordHash = state.hashPassword(body.new_password!);
	}
	if (has('two_fa_enabled')) {
		const code = body.two_fa_code ?? '';
		if (body.two_fa_enabled) {
			const pending = state.pendingTotp.get(u.id);
			if (!pending || pending.expiresAt <= Date.now()) {
				throw new AppError(Code.InternalSetting, 'You have not initiated 2FA session');
			}
			if (!checkTotp(pending.secret, code)) throw new AppError(Code.TwoFACodeErr, 'Incorrect 2FA code');
			u.totpSecret = pending.secret;
			state.pendingTotp.delete(u.id);
		} else if (u.totpSecret) {
			if (!checkTotp(u.totpSecret, code)) throw new AppError(Code.TwoFACodeErr, 'Incorrect 2FA code');
			u.totpSecret = null;
		}
	}
	return undefined;
}

function userParam(ctx: Ctx): UserRecord | undefined {
	const id = decodeId(ctx.params.id, IdType.User);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	return ctx.state.users.get(id);
}

function info(ctx: Ctx) {
	const u = userParam(ctx);
	if (!u) throw new AppError(Code.NotSet, 'ent: user not found');
	return redactedUserJson(ctx.state, u, ctx.user);
}

function search(ctx: Ctx) {
	requireLogin(ctx);
	const keyword = ctx.q('keyword') ?? '';
	if (!keyword) throw bindingErr('Keyword cannot be empty');
	if ([...keyword].length < 2) throw bindingErr('Keyword too short');
	const k = keyword.toLowerCase();
	return [...ctx.state.users.values()]
		.filter((u) => u.email.includes(k) || u.nickname.toLowerCase().includes(k))
		.slice(0, 10)
		.map((u) => redactedUserJson(ctx.state, u, ctx.user));
}

async function signUp(ctx: Ctx) {
	const { state } = ctx;
	if (!state.settings.registerEnabled) throw new AppError(Code.FeatureNotEnabled, 'This feature is not enabled');
	await checkCaptcha(ctx, state.settings.regCaptcha);
	const body = bind<{ email: string; password: string; language?: string }>(await ctx.json(), {
		email: { type: 'string', go: 'UserName', required: true, email: true },
		password: { type: 'string', required: true, min: 6, max: 128 },
		language: { type: 'string' },
	});
	const existing = state.userByEmail(body.email);
	if (existing) {
		if (existing.status === 'inactive') throw new AppError(Code.EmailSent, 'User is not activated, activation email has been resent');
		throw new AppError(Code.EmailExisted, 'Email already in use');
	}
	const user = state.addUser({
		email: body.email,
		password: body.password,
		status: state.settings.emailActivation ? 'inactive' : 'active',
	});
	if (body.language) user.language = body.language;
	if (state.settings.emailActivation) return new Reply(Code.NotFullySuccess);
	return userJson(state, user);
}

async function sendReset(ctx: Ctx) {
	const { state } = ctx;
	await checkCaptcha(ctx, state.settings.forgetCaptcha);
	const body = bind<{ email: string }>(await ctx.json(), {
		email: { type: 'string', go: 'UserName', required: true, email: true },
		language: { type: 'string' },
	});
	const user = state.userByEmail(body.email);
	if (!user) throw new AppError(Code.UserNotFound, 'User not found');
	if (user.status === 'manual_banned' || user.status === 'sys_banned') throw new AppError(Code.UserBaned, 'This user is banned');
	if (user.status === 'inactive') throw new AppError(Code.UserNotActivated, 'This user is not activated');
	state.resetSecrets.set(user.id, { secret: randomBytes(16).toString('hex'), expiresAt: Date.now() + RESET_LINK_MS });
	return undefined;
}

async function reset(ctx: Ctx) {
	const { state } = ctx;
	const id = decodeId(ctx.params.id, IdType.User);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	const body = bind<{ password: string; secret: string }>(await ctx.json(), {
		password: { type: 'string', required: true, min: 6, max: 128 },
		secret: { type: 'string', required: true },
	});
	const user = state.users.get(id);
	const pending = user && state.resetSecrets.get(user.id);
	if (!user || !pending || pending.expiresAt <= Date.now() || pending.secret !== body.secret) {
		throw new AppError(Code.TempLinkExpired, 'Link is expired');
	}
	state.resetSecrets.delete(user.id);
	user.passwordHash = state.hashPassword(body.password);
	return userJson(state, user);
}

function avatar(ctx: Ctx) {
	const u = userParam(ctx);
	if (!u) throw new AppError(Code.UserNotFound, 'User not found');
	const cache: Record<string, string> = ctx.q('nocache') === 'true' ? {} : { 'Cache-Control': 'public, max-age=86400' };
	if (u.avatar === 'file' && u.avatarBlob) {
		ctx.respond(200, { 'Content-Type': 'image/png', 'Content-Length': u.avatarBlob.length, ...cache }, u.avatarBlob);
		return;
	}
	if (u.avatar === 'gravatar') {
		const md5 = createHash('md5').update(u.email.trim().toLowerCase()).digest('hex');
		ctx.respond(302, { Location: `https://www.gravatar.com/avatar/${md5}?d=mm&s=200`, ...cache });
		return;
	}
	ctx.respond(404, { 'Content-Length': 0 });
}

const MAGIC: Array<[string, Buffer]> = [
	['png', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
	['jpeg', Buffer.from([0xff, 0xd8, 0xff])],
	['gif', Buffer.from('GIF8', 'ascii')],
];

async function uploadAvatar(ctx: Ctx) {
	const u = requireLogin(ctx);
	const { state } = ctx;
	const lenHeader = ctx.req.headers['content-length'];
	const len = lenHeader === undefined ? -1 : Number(lenHeader);
	if (len < 0 || len > state.settings.avatarSize) throw new AppError(Code.FileTooLarge, 'File is too large');
	const body = await ctx.body(state.settings.avatarSize);
	if (body.length === 0) {
		u.avatar = 'gravatar';
		u.avatarBlob = undefined;
		return undefined;
	}
	if (!MAGIC.some(([, m]) => body.subarray(0, m.length).equals(m))) throw new AppError(Code.ParamErr, 'Invalid image');
	u.avatar = 'file';
	u.avatarBlob = body;
	return undefined;
}

export function registerUserRoutes(r: Router): void {
	r.route('GET', '/user/me', me);
	r.route('GET', '/user/capacity', capacity);
	r.route('GET', '/user/setting', getSetting);
	r.route('PATCH', '/user/setting', patchSetting);
	r.route('GET', '/user/setting/2fa', prepare2fa);
	r.route('PUT', '/user/setting/avatar', uploadAvatar);
	r.route('GET', '/user/info/:id', info);
	r.route('GET', '/user/search', search);
	r.route('POST', '/user', signUp);
	r.route('POST', '/user/reset', sendReset);
	r.route('PATCH', '/user/reset/:id', reset);
	r.route('GET', '/user/avatar/:id', avatar);
}
