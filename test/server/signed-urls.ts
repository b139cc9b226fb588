import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, Code } from './errors';
import type { State } from './state';

// Signed URLs of the local storage policy (§2.6 Create download URL): `?sign=<base64url(HMAC-SHA256)>:<unix expiry>`
// over the request path, so they work without an Authorization header.

const secrets = new WeakMap<State, Buffer>();

function secretOf(state: State): Buffer {
	let s = secrets.get(state);
	if (!s) secrets.set(state, (s = randomBytes(32)));
	return s;
}

function mac(state: State, path: string, expires: number): string {
	return createHmac('sha256', secretOf(state)).update(`${path}:${expires}`).digest('base64url');
}

/** `sign` value for a path below the site root (e.g. `/api/v4/file/content/…`), valid `ttlSeconds`. */
export function signPath(state: State, path: string, ttlSeconds: number): { sign: string; expires: number } {
	const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
	return { sign: `${mac(state, path, expires)}:${expires}`, expires };
}

/** Checks `sign` for a decoded request path: wrong → 40071, past expiry → 40005. */
export function verifySign(state: State, path: string, sign: string | undefined): void {
	const [signature, exp] = (sign ?? '').split(':');
	const expires = Number(exp);
	if (!signature || !Number.isFinite(expires)) throw new AppError(Code.InvalidSign, 'Failed to verify signature');
	const want = Buffer.from(mac(state, path, expires));
	const got = Buffer.from(signature);
	if (want.length !== got.length || !timingSafeEqual(want, got)) throw new AppError(Code.InvalidSign, 'Failed to verify signature');
	if (expires < Date.now() / 1000) throw new AppError(Code.SignExpired, 'Signature expired');
}
