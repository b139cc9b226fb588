import { createHmac, timingSafeEqual } from 'node:crypto';
import type { State } from '../state';
import { tables } from './sessions';

// Signatures the loopback providers use: presigned storage URLs (`?sig=`), the slave credential
// (`Bearer Cr <sig>:<expiry>`, §3.3) and provider→Cloudreve callback headers. One HMAC key per server.

export function hmac(state: State, text: string): string {
	return createHmac('sha256', tables(state).providerSecret).update(text).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** `?sig=` of a presigned storage URL: binds the method and the path. */
export function presign(state: State, method: string, path: string): string {
	return hmac(state, `${method.toUpperCase()} ${path}`);
}

export function verifyPresigned(state: State, method: string, path: string, sig: string | undefined): boolean {
	return !!sig && safeEqual(presign(state, method, path), sig);
}

/** The remote policy's upload credential: an HMAC over method, path and expiry, sent verbatim by the client. */
export function slaveCredential(state: State, path: string, expiresAt: number): string {
	return `Bearer Cr ${hmac(state, `POST\n${path}\n${expiresAt}`)}:${expiresAt}`;
}

export function verifySlaveCredential(state: State, path: string, authorization: string | undefined): 'ok' | 'bad' | 'expired' {
	const m = /^Bearer Cr ([A-Za-z0-9_-]+):(\d+)$/.exec(authorization ?? '');
	if (!m) return 'bad';
	const expiresAt = Number(m[2]);
	if (!safeEqual(slaveCredential(state, path, expiresAt), authorization ?? '')) return 'bad';
	return expiresAt * 1000 < Date.now() ? 'expired' : 'ok';
}

/** Header a provider signs its server-to-server callback with: `<Type> <hmac(type path body-sha)>`. */
export function providerCallbackAuth(state: State, type: string, path: string, body: string): string {
	return `${type.toUpperCase()} ${hmac(state, `${type} ${path} ${body}`)}`;
}
