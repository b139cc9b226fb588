// How early to renew a token: a tenth of its lifetime, capped. The lifetime is read from the JWT's own
// `nbf`/`iat` and `exp` claims (Cloudreve tokens are HS256 JWTs, cloudreve-api.md §1.6), so a site with
// short TTLs (or the test server with TTLs of seconds) is handled as well as the 1 h / 14 d defaults.

function jwtLifetimeMs(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	let claims: { exp?: number; nbf?: number; iat?: number } | undefined;
	try {
		claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
	} catch {
		return undefined;
	}
	const start = claims?.nbf ?? claims?.iat;
	if (!claims?.exp || !start || claims.exp <= start) return undefined;
	return (claims.exp - start) * 1000;
}

/** Milliseconds before expiry at which the token counts as stale. */
export function renewalMarginMs(token: string, capMs: number): number {
	const lifetime = jwtLifetimeMs(token);
	return lifetime === undefined ? capMs : Math.min(capMs, lifetime / 10);
}
