// The sign-in flow the credential's preAuthentication runs (cloudreve-api.md §1.6–§1.11, n8n-notes.md §2):
// refresh while the stored refresh token is good, otherwise sign in by password (+ TOTP for 2FA accounts), or,
// in refresh-token mode, start from the refresh token the user pasted. It returns every hidden field so n8n
// persists them. Errors are CloudreveAuthError with a message and a hint; they never contain secrets.
import { createHash } from 'crypto';
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { renewalMarginMs } from './tokenLifetime';
import { base32Decode, TOTP_STEP_MS, TotpSecretError, totp } from './totp';

export type HttpRequester = (options: IHttpRequestOptions) => Promise<unknown>;

export type AuthMode = 'password' | 'refreshToken';

/** The credential fields the flow reads (names as declared in CloudreveApi.credentials.ts). */
export interface CloudreveCredentialData {
	baseUrl: string;
	authMode?: AuthMode;
	email?: string;
	password?: string;
	totpSecret?: string;
	manualRefreshToken?: string;
	ignoreSslIssues?: boolean;
	accessToken?: string;
	refreshToken?: string;
	accessExpiresAt?: number;
	refreshExpiresAt?: number;
	identity?: string;
}

/** What preAuthentication hands back to n8n to persist. */
export interface StoredSession extends IDataObject {
	accessToken: string;
	refreshToken: string;
	accessExpiresAt: number;
	refreshExpiresAt: number;
	identity: string;
}

interface TokenPair {
	access_token: string;
	refresh_token: string;
	access_expires: string;
	refresh_expires: string;
}

interface Envelope {
	code: number;
	msg?: string;
	data?: unknown;
	correlation_id?: string;
}

// preAuthentication has no node; n8n-core wraps whatever it throws in `new NodeApiError(node, error)`, which
// returns a NodeApiError unchanged but drops the `cause` of a plain Error. So sign-in failures are NodeApiErrors
// themselves, and the transport recognises them by `isCloudreveAuthError`.
const CREDENTIAL_NODE: INode = {
	id: 'cloudreve-credential',
	name: 'Cloudreve credential',
	type: 'cloudreveApi',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export class CloudreveAuthError extends NodeApiError {
	readonly isCloudreveAuthError = true;

	readonly cloudreveCode?: number;

	readonly correlationId?: string;

	constructor(message: string, description: string, code?: number, correlationId?: string) {
		super(CREDENTIAL_NODE, { message, code: code ?? null } as JsonObject, { message, description });
		this.message = message;
		this.description = description;
		this.cloudreveCode = code;
		this.correlationId = correlationId;
	}
}

/** A refresh token this close to expiry (a tenth of its lifetime, at most 60 s) is not used: a full sign-in is safer. */
const REFRESH_RENEWAL_CAP_MS = 60_000;

/**
 * Accepts the site URL with or without a trailing `/`, `/api/v4`, or a path prefix, and returns it without
 * a trailing slash, e.g. `https://drive.example.com/cloud`.
 */
export function normalizeSiteUrl(raw: string): string {
	let url = (raw ?? '').trim();
	if (url === '') throw new CloudreveAuthError('The Site URL is empty', 'Enter the address you open Cloudreve at, e.g. https://drive.example.com');
	if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
	url = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
	url = url.replace(/\/api\/v4$/i, '').replace(/\/+$/, '');
	return url;
}

export function apiBaseUrl(siteUrl: string): string {
	return `${normalizeSiteUrl(siteUrl)}/api/v4`;
}

/** A fingerprint of what identifies the account, so editing the credential forces a fresh sign-in. */
export function identityOf(c: CloudreveCredentialData): string {
	const parts = [
		normalizeSiteUrl(c.baseUrl),
		c.authMode ?? 'password',
		(c.email ?? '').trim().toLowerCase(),
		c.password ?? '',
		(c.totpSecret ?? '').replace(/\s/g, '').toUpperCase(),
		c.authMode === 'refreshToken' ? (c.manualRefreshToken ?? '').trim() : '',
	];
	return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

function sessionFrom(pair: TokenPair, identity: string): StoredSession {
	return {
		accessToken: pair.access_token,
		refreshToken: pair.refresh_token,
		accessExpiresAt: Date.parse(pair.access_expires) || 0,
		refreshExpiresAt: Date.parse(pair.refresh_expires) || 0,
		identity,
	};
}

function isEnvelope(body: unknown): body is Envelope {
	return typeof body === 'object' && body !== null && typeof (body as Envelope).code === 'number';
}

const TLS_ERROR = /CERT|SSL|TLS|self[- ]signed|unable to verify/i;

class SiteClient {
	constructor(
		private readonly http: HttpRequester,
		readonly siteUrl: string,
		private readonly skipTls: boolean,
	) {}

	/** One call to the API; network failures become CloudreveAuthError naming the site. */
	async call(method: 'GET' | 'POST', path: string, body?: IDataObject): Promise<{ envelope?: Envelope; response: IN8nHttpFullResponse }> {
		let response: IN8nHttpFullResponse | undefined;
		let failure: { message?: string; code?: string; cause?: { code?: string; message?: string } } | undefined;
		try {
			response = (await this.http({
				method,
				url: `${this.siteUrl}/api/v4${path}`,
				body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				skipSslCertificateValidation: this.skipTls,
				timeout: 30_000,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error as typeof failure;
		}
		if (failure || !response) throw this.networkError(failure);
		return { envelope: isEnvelope(response.body) ? response.body : undefined, response };
	}

	private networkError(failure?: { message?: string; code?: string; cause?: { code?: string; message?: string } }): CloudreveAuthError {
		const code = failure?.code ?? failure?.cause?.code ?? '';
		const text = `${code} ${failure?.message ?? ''} ${failure?.cause?.message ?? ''}`;
		if (TLS_ERROR.test(text)) {
			return new CloudreveAuthError(
				`TLS certificate of ${this.siteUrl} was rejected`,
				`The site's HTTPS certificate could not be verified (${code || 'TLS error'}). Fix the certificate, or switch on "Ignore SSL Issues" in the credential if you trust this server.`,
			);
		}
		return new CloudreveAuthError(
			`Cannot reach ${this.siteUrl}`,
			`The site did not answer (${code || failure?.message || 'network error'}). Check the Site URL, that the server is running, and that n8n can reach it.`,
		);
	}

	/** Explains a reply that is not a Cloudreve v4 envelope: a v3 site, or not Cloudreve at all. */
	async notCloudreveV4Error(): Promise<CloudreveAuthError> {
		const v4 = await this.probe('/api/v4/site/ping');
		if (typeof v4 === 'string' && /^4\./.test(v4)) {
			return new CloudreveAuthError(
				`${this.siteUrl} answered the sign-in unexpectedly`,
				`The site runs Cloudreve ${v4} but the sign-in request did not return a Cloudreve reply. A proxy in front of it may rewrite /api/v4 requests.`,
			);
		}
		const v3 = await this.probe('/api/v3/site/ping');
		if (typeof v3 === 'string' && /^3\./.test(v3)) {
			return new CloudreveAuthError(
				`${this.siteUrl} runs Cloudreve ${v3}, not Cloudreve v4`,
				'This node supports Cloudreve v4 (4.0 or newer). Upgrade the site, or use the HTTP Request node for the v3 API.',
			);
		}
		return new CloudreveAuthError(
			`${this.siteUrl} is not a Cloudreve v4 site`,
			'GET /api/v4/site/ping did not answer with a Cloudreve version. Check the Site URL: use the address you open Cloudreve at in a browser, e.g. https://drive.example.com (a path prefix is fine; do not include /home or a file path).',
		);
	}

	private async probe(path: string): Promise<string | undefined> {
		let version: string | undefined;
		try {
			const response = (await this.http({
				method: 'GET',
				url: `${this.siteUrl}${path}`,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				skipSslCertificateValidation: this.skipTls,
				timeout: 15_000,
			})) as IN8nHttpFullResponse;
			const body = response.body;
			if (isEnvelope(body) && body.code === 0 && typeof body.data === 'string') version = body.data;
		} catch {
			version = undefined;
		}
		return version;
	}

	/** The server's clock from the Date header, so TOTP codes do not depend on this machine's clock. */
	static serverNow(response: IN8nHttpFullResponse): number {
		const header = response.headers?.date;
		const parsed = typeof header === 'string' ? Date.parse(header) : NaN;
		return Number.isFinite(parsed) ? parsed + 500 : Date.now();
	}
}

function apiError(envelope: Envelope, message: string, hint: string): CloudreveAuthError {
	const detail = envelope.msg ? `Cloudreve says: ${envelope.msg} (code ${envelope.code}). ` : `Code ${envelope.code}. `;
	return new CloudreveAuthError(message, `${detail}${hint}`, envelope.code, envelope.correlation_id);
}

async function refresh(client: SiteClient, refreshToken: string): Promise<{ pair?: TokenPair; envelope?: Envelope }> {
	// No Authorization header on refresh (cloudreve-api.md §1.7).
	const { envelope } = await client.call('POST', '/session/token/refresh', { refresh_token: refreshToken });
	if (!envelope) throw await client.notCloudreveV4Error();
	if (envelope.code === 0) return { pair: envelope.data as TokenPair };
	return { envelope };
}

async function explainCaptcha(client: SiteClient, envelope: Envelope): Promise<CloudreveAuthError> {
	let captchaType = 'unknown';
	const basic = await client.call('GET', '/site/config/basic');
	const data = basic.envelope?.data as { captcha_type?: string } | undefined;
	if (data?.captcha_type) captchaType = data.captcha_type;
	return apiError(
		envelope,
		`The site requires a captcha (${captchaType}) to sign in: use the "Refresh Token" authentication`,
		'n8n cannot solve captchas. Switch the credential\'s Authentication to "Refresh Token": sign in to Cloudreve in a browser, copy the refresh token, and paste it into the credential.',
	);
}

async function explainWrongPassword(client: SiteClient, email: string, envelope: Envelope): Promise<CloudreveAuthError> {
	const prepare = await client.call('GET', `/session/prepare?email=${encodeURIComponent(email)}`);
	const data = prepare.envelope?.data as { password_enabled?: boolean; webauthn_enabled?: boolean } | undefined;
	if (prepare.envelope?.code === 0 && data && data.password_enabled === false) {
		return apiError(
			envelope,
			'This account signs in with a passkey only: use the "Refresh Token" authentication',
			'It has no password, so n8n cannot sign in with email and password. Switch the credential\'s Authentication to "Refresh Token" and paste a refresh token from a browser session.',
		);
	}
	return apiError(envelope, 'Wrong email or password', 'Check the email and password in the credential (the email is the one you sign in to Cloudreve with).');
}

async function finishTwoFactor(client: SiteClient, c: CloudreveCredentialData, sessionId: string, loginResponse: IN8nHttpFullResponse): Promise<TokenPair> {
	if (!c.totpSecret || c.totpSecret.trim() === '') {
		throw new CloudreveAuthError(
			'Two-factor authentication is enabled on this account, but the credential has no TOTP secret',
			'Add the TOTP secret (the base32 key shown when 2FA was set up, also inside the otpauth:// link of the QR code) to the credential so n8n can sign in unattended.',
			203,
		);
	}
	let key: Buffer | undefined;
	let secretProblem: string | undefined;
	try {
		key = base32Decode(c.totpSecret);
	} catch (error) {
		secretProblem = error instanceof TotpSecretError ? error.message : 'The TOTP secret could not be read';
	}
	if (!key) throw new CloudreveAuthError('The TOTP secret in the credential is invalid', `${secretProblem}.`);
	const now = SiteClient.serverNow(loginResponse);
	let last: Envelope | undefined;
	// The server accepts the current step ±1 by its own clock (taken from its Date header). If the code is
	// still rejected (a step boundary, or a skew the header does not show), try the neighbouring steps once.
	for (const offset of [0, TOTP_STEP_MS, -TOTP_STEP_MS]) {
		const { envelope } = await client.call('POST', '/session/token/2fa', { otp: totp(key, now + offset), session_id: sessionId });
		if (!envelope) throw await client.notCloudreveV4Error();
		if (envelope.code === 0) return (envelope.data as { token: TokenPair }).token;
		last = envelope;
		if (envelope.code !== 40022) break;
	}
	if (last?.code === 40022) {
		throw apiError(
			last,
			'Cloudreve rejected the two-factor code',
			'Check that the TOTP secret belongs to this account (re-enter it from the 2FA setup), and that the clock of the n8n machine is correct.',
		);
	}
	throw apiError(last ?? { code: -1 }, 'Two-factor sign-in failed', 'The 2FA session may have expired; run the workflow again.');
}

async function passwordSignIn(client: SiteClient, c: CloudreveCredentialData): Promise<TokenPair> {
	const email = (c.email ?? '').trim();
	if (!email || !c.password) {
		throw new CloudreveAuthError('The credential needs an email and a password', 'Fill in Email and Password, or switch Authentication to "Refresh Token".');
	}
	const { envelope, response } = await client.call('POST', '/session/token', { email, password: c.password });
	if (!envelope) throw await client.notCloudreveV4Error();
	switch (envelope.code) {
		case 0:
			return (envelope.data as { token: TokenPair }).token;
		case 203:
			return await finishTwoFactor(client, c, String(envelope.data ?? ''), response);
		case 40080:
			throw await explainWrongPassword(client, email, envelope);
		case 40026:
			throw await explainCaptcha(client, envelope);
		case 40017:
			throw apiError(envelope, 'This Cloudreve account is banned', 'Ask the site administrator to unblock it.');
		case 40018:
			throw apiError(envelope, 'This Cloudreve account is not activated', 'Open the activation e-mail from Cloudreve, or ask the administrator to activate the account.');
		case 40001:
			throw apiError(envelope, 'Cloudreve rejected the sign-in request', 'Check the email format and that the password is 4-128 characters.');
		default:
			throw apiError(envelope, 'Sign-in to Cloudreve failed', 'See the message from Cloudreve above.');
	}
}

/** A usable refresh token still has more than the margin left. */
function refreshStillGood(c: CloudreveCredentialData, identity: string): boolean {
	return (
		c.identity === identity &&
		typeof c.refreshToken === 'string' &&
		c.refreshToken !== '' &&
		Number(c.refreshExpiresAt ?? 0) - Date.now() > renewalMarginMs(c.refreshToken, REFRESH_RENEWAL_CAP_MS)
	);
}

/** The whole flow: returns a fresh session for the credential. */
export async function obtainSession(http: HttpRequester, c: CloudreveCredentialData): Promise<StoredSession> {
	const client = new SiteClient(http, normalizeSiteUrl(c.baseUrl), c.ignoreSslIssues === true);
	const identity = identityOf(c);

	if (refreshStillGood(c, identity)) {
		const { pair } = await refresh(client, c.refreshToken as string);
		if (pair) return sessionFrom(pair, identity);
		// Expired or revoked (sign-out, password change): fall through to a full sign-in.
	}

	if (c.authMode === 'refreshToken') {
		const pasted = (c.manualRefreshToken ?? '').trim();
		if (!pasted) {
			throw new CloudreveAuthError('The credential has no refresh token', 'Paste a refresh token from a signed-in browser session into "Refresh Token".');
		}
		const { pair, envelope } = await refresh(client, pasted);
		if (pair) return sessionFrom(pair, identity);
		throw apiError(
			envelope ?? { code: 40020 },
			'Cloudreve rejected the refresh token',
			'It has expired, or it was revoked by a sign-out or a password change. Sign in to Cloudreve in a browser, copy a new refresh token and paste it into the credential.',
		);
	}

	return sessionFrom(await passwordSignIn(client, c), identity);
}
