import { createHmac, timingSafeEqual } from 'node:crypto';

// HS256 JWTs as pkg/auth/jwt.go issues them (§1.6).

const b64url = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');

export function signJwt(claims: Record<string, unknown>, secret: string): string {
	const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const payload = b64url(JSON.stringify(claims));
	const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${sig}`;
}

/** Verifies signature, `exp` and `nbf` (NumericDate, fractions allowed); returns the claims or undefined. */
export function verifyJwt(token: string, secret: string, nowMs: number = Date.now()): Record<string, unknown> | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const [header, payload, sig] = parts;
	const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
	const given = Buffer.from(sig, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
	try {
		const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
		if (head.alg !== 'HS256') return undefined;
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		if (typeof claims !== 'object' || claims === null) return undefined;
		if (typeof claims.exp === 'number' && nowMs >= claims.exp * 1000) return undefined;
		if (typeof claims.nbf === 'number' && nowMs < claims.nbf * 1000) return undefined;
		return claims;
	} catch {
		return undefined;
	}
}
