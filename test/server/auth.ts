import { randomUUID } from 'node:crypto';
import { authenticator } from 'otplib';
import { rfc3339Ms } from './clock';
import type { Ctx } from './context';
import { AppError, Code, loginRequired } from './errors';
import { decodeId, encodeId, IdType } from './hashid';
import { signJwt, verifyJwt } from './jwt';
import type { State } from './state';
import type { UserRecord } from './types';

/** `Token` object (§1.6). */
export interface Token {
	access_token: string;
	refresh_token: string;
	access_expires: string;
	refresh_expires: string;
}

/** Issues an access/refresh pair; `rootTokenId` continues an existing login chain (refresh, §1.7). */
export function issueTokens(state: State, user: UserRecord, rootTokenId: string = randomUUID()): Token {
	const now = Date.now();
	const sub = encodeId(user.id, IdType.User);
	const accessExp = now + state.settings.accessTtlSeconds * 1000;
	const refreshExp = now + state.settings.refreshTtlSeconds * 1000;
	const nbf = Math.floor(now / 1000);
	// exp keeps milliseconds (a NumericDate may be fractional) so the token dies exactly at access_expires;
	// jti keeps two pairs issued in the same millisecond distinct.
	const access = signJwt({ token_type: 'access', sub, nbf, exp: accessExp / 1000, jti: randomUUID() }, state.jwtSecret);
	const refresh = signJwt(
		{ token_type: 'refresh', sub, nbf, exp: refreshExp / 1000, state_hash: state.stateHash(user), root_token_id: rootTokenId, jti: randomUUID() },
		state.jwtSecret,
	);
	return { access_token: access, refresh_token: refresh, access_expires: rfc3339Ms(accessExp), refresh_expires: rfc3339Ms(refreshExp) };
}

export function userFromSub(state: State, sub: unknown): UserRecord | undefined {
	if (typeof sub !== 'string') return undefined;
	const id = decodeId(sub, IdType.User);
	return id === undefined ? undefined : state.users.get(id);
}

/**
 * The "current user" step every /api/v4 request runs (§1.5, §1.8): no/invalid/expired token → anonymous;
 * a refresh token → 40020; a valid token of a missing or inactive user → 50001.
 */
export function resolveCurrentUser(state: State, authorization: string | undefined): UserRecord | null {
	if (!authorization || !authorization.startsWith('Bearer ')) return null;
	const token = authorization.slice('Bearer '.length).trim();
	// "Bearer Cr <sig>" is an HMAC request signature for node/slave calls (§3), not a JWT.
	if (!token || token.startsWith('Cr ')) return null;
	const claims = verifyJwt(token, state.jwtSecret);
	if (!claims) return null;
	if (claims.token_type !== 'access') throw new AppError(Code.CredentialInvalid, 'Invalid token type');
	const user = userFromSub(state, claims.sub);
	if (!user || user.status !== 'active') throw new AppError(Code.DBError, 'failed to get login user');
	return user;
}

export function requireLogin(ctx: Ctx): UserRecord {
	if (!ctx.user) throw loginRequired();
	return ctx.user;
}

export function requireAdmin(ctx: Ctx): UserRecord {
	const user = requireLogin(ctx);
	if (!ctx.state.isAdmin(user)) throw new AppError(Code.NoPermission, 'Permission denied');
	return user;
}

/** TOTP as pquerna/otp: SHA-1, 6 digits, 30 s, ±1 step (§1.11). */
const totp = authenticator.clone({ window: 1, step: 30, digits: 6 });

export function checkTotp(secret: string, code: string): boolean {
	try {
		return totp.check(code, secret);
	} catch {
		return false;
	}
}

export function newTotpSecret(): string {
	return authenticator.generateSecret(20);
}

/**
 * The captcha middleware of §1.10 for login / sign-up / reset: reads `captcha` / `ticket` from the same JSON
 * body; a non-JSON body or a failed check → 40026. Normal captcha answers are single-use.
 */
export async function checkCaptcha(ctx: Ctx, enabled: boolean): Promise<void> {
	if (!enabled) return;
	let body: unknown;
	try {
		body = await ctx.json();
	} catch {
		throw new AppError(Code.CaptchaError, 'CAPTCHA not match.');
	}
	const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const captcha = typeof b.captcha === 'string' ? b.captcha : '';
	const ticket = typeof b.ticket === 'string' ? b.ticket : '';
	const { captchaType, captchaPassToken } = ctx.state.settings;
	switch (captchaType) {
		case 'normal':
		case 'tcaptcha': {
			const answer = ctx.state.captchas.get(ticket);
			ctx.state.captchas.delete(ticket);
			if (answer === undefined || answer.toLowerCase() !== captcha.toLowerCase()) {
				throw new AppError(Code.CaptchaError, 'CAPTCHA not match.');
			}
			return;
		}
		case 'recaptcha':
			if (captcha !== captchaPassToken) {
				throw new AppError(Code.CaptchaError, 'Verification failed, please refresh the page and retry.');
			}
			return;
		default:
			if (ticket !== captchaPassToken) throw new AppError(Code.CaptchaError, 'Captcha validation failed');
	}
}
