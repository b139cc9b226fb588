import { randomUUID } from 'node:crypto';
import { checkCaptcha, checkTotp, issueTokens, userFromSub } from '../auth';
import { type Ctx, Reply } from '../context';
import { AppError, bindingErr, Code } from '../errors';
import { verifyJwt } from '../jwt';
import type { Router } from '../router';
import { userJson } from '../serialize';
import type { UserRecord } from '../types';
import { bind, isEmail } from '../validate';

// §2.2 Session, §1.6–§1.11.

const TWO_FA_SESSION_MS = 600_000;

function loginResponse(ctx: Ctx, user: UserRecord) {
	return { user: userJson(ctx.state, user), token: issueTokens(ctx.state, user) };
}

async function passwordSignIn(ctx: Ctx) {
	const { state } = ctx;
	await checkCaptcha(ctx, state.settings.loginCaptcha);
	const body = bind<{ email: string; password: string }>(await ctx.json(), {
		email: { type: 'string', go: 'UserName', required: true, email: true },
		password: { type: 'string', required: true, min: 4, max: 128 },
	});
	const user = state.userByEmail(body.email);
	if (!user || !state.checkPassword(user, body.password)) {
		throw new AppError(Code.InvalidPassword, 'Incorrect password or email address');
	}
	if (user.status === 'manual_banned' || user.status === 'sys_banned') throw new AppError(Code.UserBaned, 'This account has been blocked');
	if (user.status === 'inactive') throw new AppError(Code.UserNotActivated, 'This account is not activated');
	if (user.totpSecret) {
		const sessionId = randomUUID();
		state.twoFactorSessions.set(sessionId, { userId: user.id, expiresAt: Date.now() + TWO_FA_SESSION_MS });
		// 203 CodeNotFullySuccess with the bare session id as data (§1.11).
		return new Reply(Code.NotFullySuccess, sessionId);
	}
	ctx.stats.signIns++;
	return loginResponse(ctx, user);
}

async function twoFactorSignIn(ctx: Ctx) {
	const { state } = ctx;
	const body = bind<{ otp: string; session_id: string }>(await ctx.json(), {
		otp: { type: 'string', required: true },
		session_id: { type: 'string', required: true },
	});
	const session = state.twoFactorSessions.get(body.session_id);
	if (!session || session.expiresAt <= Date.now()) {
		state.twoFactorSessions.delete(body.session_id);
		throw new AppError(Code.NotFound, 'Session not found');
	}
	const user = state.users.get(session.userId);
	if (!user) throw new AppError(Code.NotFound, 'Session not found');
	if (!user.totpSecret || !checkTotp(user.totpSecret, body.otp)) throw new AppError(Code.TwoFACodeErr, 'Incorrect 2FA code');
	state.twoFactorSessions.delete(body.session_id);
	ctx.stats.twoFactorSignIns++;
	return loginResponse(ctx, user);
}

async function refresh(ctx: Ctx) {
	const { state } = ctx;
	const body = bind<{ refresh_token: string }>(await ctx.json(), { refresh_token: { type: 'string', required: true } });
	const fail = () => new AppError(Code.CredentialInvalid, 'Failed to issue token pair');
	const claims = verifyJwt(body.refresh_token, state.jwtSecret);
	if (!claims || claims.token_type !== 'refresh') throw fail();
	const user = userFromSub(state, claims.sub);
	if (!user || user.status !== 'active') throw fail();
	if (claims.state_hash !== state.stateHash(user)) throw fail();
	const root = claims.root_token_id;
	if (typeof root !== 'string' || !root) throw fail();
	const revokedUntil = state.revokedRoots.get(root);
	if (revokedUntil !== undefined && revokedUntil > Date.now()) throw fail();
	ctx.stats.refreshes++;
	return issueTokens(state, user, root);
}

async function signOut(ctx: Ctx) {
	const { state } = ctx;
	const body = bind<{ refresh_token: string }>(await ctx.json(), { refresh_token: { type: 'string', required: true } });
	const claims = verifyJwt(body.refresh_token, state.jwtSecret);
	if (!claims) throw new AppError(Code.CredentialInvalid, 'Failed to parse token');
	if (typeof claims.root_token_id === 'string') {
		state.revokedRoots.set(claims.root_token_id, Date.now() + (state.settings.refreshTtlSeconds + 10) * 1000);
	}
	ctx.stats.signOuts++;
	return '';
}

function prepare(ctx: Ctx) {
	const email = ctx.q('email') ?? '';
	if (!email) throw bindingErr('Email cannot be empty');
	if (!isEmail(email)) throw bindingErr('Email format error');
	const user = ctx.state.userByEmail(email);
	if (!user) throw new AppError(Code.NotFound, 'User not found');
	return { webauthn_enabled: user.passkeys.length > 0, password_enabled: user.passwordHash !== null };
}

export function registerSessionRoutes(r: Router): void {
	r.route('POST', '/session/token', passwordSignIn);
	r.route('POST', '/session/token/2fa', twoFactorSignIn);
	r.route('POST', '/session/token/refresh', refresh);
	r.route('DELETE', '/session/token', signOut);
	r.route('GET', '/session/prepare', prepare);
}
