// Everything the harness prints (n8n logs, CLI output, errors) goes through here first: the logs can
// hold request bodies and headers, and neither the credential secrets nor the tokens the server issues
// may reach a terminal or a CI log.

const REDACTED = '[redacted]';

/** Secret values registered by tests (passwords, TOTP secrets); matched literally wherever they appear. */
const knownSecrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
	if (value && value.length >= 4) knownSecrets.add(value);
}

const PATTERNS: Array<[RegExp, string]> = [
	// JSON fields that carry secrets, in plain or escaped JSON ("\"password\":\"…\"")
	[
		/(\\?"(?:password|totpSecret|manualRefreshToken|accessToken|refreshToken|access_token|refresh_token|token|otp|rawApiKey|apiKey)\\?"\s*:\s*\\?")((?:[^"\\]|\\[^"])*)(\\?")/gi,
		`$1${REDACTED}$3`,
	],
	[/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${REDACTED}`],
	[/(n8n-auth=)[^;\s"]+/g, `$1${REDACTED}`],
	[/(X-N8N-API-KEY["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi, `$1${REDACTED}`],
	// anything shaped like a JWT
	[/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\b/g, REDACTED],
];

export function redact(text: string): string {
	let out = text;
	for (const secret of knownSecrets) out = out.split(secret).join(REDACTED);
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/** The last `lines` lines of a log, redacted, for failure messages. */
export function tail(text: string, lines = 60): string {
	return redact(text.split('\n').slice(-lines).join('\n'));
}
