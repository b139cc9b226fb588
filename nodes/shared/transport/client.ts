// The one door to the Cloudreve API (design.md §1). Every call goes through CloudreveClient.request, which
// handles the envelope, error mapping, token freshness, the forced re-login on `code: 401`, and retries of
// idempotent calls. Operations never build HTTP requests themselves.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { identityOf, normalizeSiteUrl, type CloudreveCredentialData } from '../auth/session';
import { renewalMarginMs } from '../auth/tokenLifetime';
import { describeEnvelope, unwrapSingleBatchError, type CloudreveEnvelope } from '../errors';

export type CloudreveContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'cloudreveApi';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below /api/v4, e.g. `/file/info`. */
	path: string;
	qs?: IDataObject;
	/** JSON body, or a Buffer sent as application/octet-stream. */
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	/** Safe to send again after a network error, 5xx or 429. Defaults to true for GET and HEAD only. */
	idempotent?: boolean;
	itemIndex?: number;
	timeout?: number;
}

export interface RetryPolicy {
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Codes that mean "the access token was not accepted": force one re-login and retry (§1.8). Under /session/ a
 * 40020 is about the token in the request body (sign-out of another session), not about ours.
 */
const SIGNED_OUT_CODES = new Set([401, 40020]);

/** Access tokens are renewed a tenth of their lifetime before expiry, at most 5 minutes before. */
const ACCESS_RENEWAL_CAP_MS = 300_000;

interface TransportFailure {
	message?: string;
	code?: string;
	cause?: unknown;
	isCloudreveAuthError?: boolean;
	description?: string;
	httpCode?: string;
}

function findAuthError(error: unknown): TransportFailure | undefined {
	let current = error as TransportFailure | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.isCloudreveAuthError) return current;
		current = current.cause as TransportFailure | undefined;
	}
	return undefined;
}

/** Phrases n8n puts in place of Node's network error codes (n8n-workflow NodeError COMMON_ERRORS). */
const NETWORK_PHRASES: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/closed unexpectedly|socket hang up/i, 'ECONNRESET'],
	[/incorrect host/i, 'ENOTFOUND'],
	[/timed out/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
];

const ERROR_CODE = /^E[A-Z_]{3,}$/;

/**
 * The network error code behind a request that failed before any HTTP answer. n8n-core wraps such failures
 * in NodeApiError, which drops the cause but puts the code into `httpCode` and the original text into `messages`.
 */
function networkCode(error: unknown): string | undefined {
	let current = error as (TransportFailure & { messages?: string[] }) | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && ERROR_CODE.test(current.code)) return current.code;
		if (typeof current.httpCode === 'string' && ERROR_CODE.test(current.httpCode)) return current.httpCode;
		if (current.httpCode === undefined || current.httpCode === null) {
			const text = [current.message ?? '', ...(current.messages ?? [])].join(' ');
			const phrase = NETWORK_PHRASES.find(([re]) => re.test(text));
			if (phrase) return phrase[1];
		}
		current = current.cause as TransportFailure | undefined;
	}
	return undefined;
}

export class CloudreveClient {
	readonly siteUrl: string;

	private readonly credentialRef: { id: string; name: string };

	private retry: RetryPolicy = DEFAULT_RETRY;

	constructor(
		private readonly ctx: CloudreveContext,
		private readonly data: ICredentialDataDecryptedObject,
	) {
		const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		this.credentialRef = { id: ref?.id ?? '', name: ref?.name ?? '' };
		this.siteUrl = normalizeSiteUrl(String(data.baseUrl ?? ''));
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	get apiUrl(): string {
		return `${this.siteUrl}/api/v4`;
	}

	setRetryPolicy(policy: RetryPolicy): void {
		this.retry = policy;
	}

	/** Calls the API and returns `data`; any non-zero code becomes a NodeApiError. */
	async request<T = unknown>(req: ApiRequest): Promise<T> {
		const envelope = await this.envelope<T>(req);
		if (envelope.code !== 0) throw this.apiError(envelope, req.itemIndex);
		return envelope.data as T;
	}

	/**
	 * Calls the API and returns the whole envelope, for the few endpoints whose error replies still carry
	 * useful `data` (40081 with partial results, 40073 with lock conflicts). Signed-out codes are still handled.
	 */
	async envelope<T = unknown>(req: ApiRequest): Promise<CloudreveEnvelope<T>> {
		const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'HEAD');
		let reloggedIn = false;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.send(req);
			if (outcome.kind === 'envelope') {
				if (SIGNED_OUT_CODES.has(outcome.envelope.code) && !reloggedIn && !req.path.startsWith('/session/')) {
					// Cloudreve answers HTTP 200 with code 401 when the token is not accepted, so n8n's own
					// 401 retry never fires: blank the token to make n8n run preAuthentication, then retry once.
					reloggedIn = true;
					this.data.accessToken = '';
					continue;
				}
				return outcome.envelope as CloudreveEnvelope<T>;
			}
			if (outcome.kind === 'retryable' && idempotent && attempt < this.retry.attempts) {
				await sleep(this.backoff(attempt, outcome.retryAfterMs));
				continue;
			}
			throw outcome.error;
		}
	}

	private backoff(attempt: number, retryAfterMs?: number): number {
		if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.retry.maxDelayMs);
		const exp = this.retry.baseDelayMs * 2 ** (attempt - 1);
		return Math.min(this.retry.maxDelayMs, exp / 2 + Math.random() * (exp / 2));
	}

	private needsNewToken(): boolean {
		const token = String(this.data.accessToken ?? '');
		if (token === '') return false;
		if (this.data.identity !== identityOf(this.data as unknown as CloudreveCredentialData)) return true;
		const expiresAt = Number(this.data.accessExpiresAt ?? 0);
		return expiresAt - Date.now() < renewalMarginMs(token, ACCESS_RENEWAL_CAP_MS);
	}

	private async send(
		req: ApiRequest,
	): Promise<
		| { kind: 'envelope'; envelope: CloudreveEnvelope }
		| { kind: 'retryable'; error: NodeApiError; retryAfterMs?: number }
		| { kind: 'fatal'; error: NodeApiError }
	> {
		if (this.needsNewToken()) this.data.accessToken = '';
		const isBuffer = Buffer.isBuffer(req.body);
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${this.apiUrl}${req.path}`,
			qs: req.qs,
			body: req.body,
			headers: {
				...(isBuffer ? { 'Content-Type': 'application/octet-stream', 'Content-Length': String((req.body as Buffer).length) } : {}),
				...(req.headers ?? {}),
			},
			json: !isBuffer,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: this.data.ignoreSslIssues === true,
			timeout: req.timeout ?? 120_000,
		};
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, CREDENTIAL_TYPE, options, {
				credentialsDecrypted: {
					id: this.credentialRef.id,
					name: this.credentialRef.name,
					type: CREDENTIAL_TYPE,
					data: this.data,
				},
			})) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error;
		}
		if (failure !== undefined || !response) return this.classifyFailure(failure, req);

		const status = response.statusCode;
		let body = response.body as unknown;
		if (Buffer.isBuffer(body)) body = tryParseJson(body.toString('utf8'));
		if (typeof body === 'string') body = tryParseJson(body);
		if (status === 429 || status >= 500) {
			const retryAfter = Number(response.headers?.['retry-after']);
			return {
				kind: 'retryable',
				retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
				error: new NodeApiError(this.node, { httpCode: String(status), body: body as JsonObject } as JsonObject, {
					message: status === 429 ? 'Cloudreve is rate-limiting requests (HTTP 429)' : `Cloudreve answered HTTP ${status}`,
					description: `${req.method} ${req.path} failed on the server. It was retried ${this.retry.attempts - 1} times where that was safe.`,
					httpCode: String(status),
					itemIndex: req.itemIndex,
				}),
			};
		}
		if (status === 404 && !isEnvelope(body)) {
			return {
				kind: 'fatal',
				error: new NodeApiError(this.node, { httpCode: '404' }, {
					message: 'This operation needs Cloudreve Pro (or a newer server)',
					description: `The server does not know ${req.method} /api/v4${req.path} (HTTP 404). It is a Cloudreve Pro endpoint, or the server is older than the feature.`,
					httpCode: '404',
					itemIndex: req.itemIndex,
				}),
			};
		}
		if (!isEnvelope(body)) {
			return {
				kind: 'fatal',
				error: new NodeApiError(this.node, { httpCode: String(status) }, {
					message: `${this.siteUrl} did not answer like Cloudreve v4`,
					description: `${req.method} /api/v4${req.path} returned HTTP ${status} without a Cloudreve JSON reply. Check the Site URL in the credential.`,
					httpCode: String(status),
					itemIndex: req.itemIndex,
				}),
			};
		}
		return { kind: 'envelope', envelope: body };
	}

	private classifyFailure(
		failure: unknown,
		req: ApiRequest,
	): { kind: 'retryable'; error: NodeApiError } | { kind: 'fatal'; error: NodeApiError } {
		const auth = findAuthError(failure);
		if (auth) {
			return {
				kind: 'fatal',
				error: new NodeApiError(this.node, { message: auth.message ?? 'Sign-in failed' } as JsonObject, {
					message: auth.message,
					description: auth.description,
					itemIndex: req.itemIndex,
				}),
			};
		}
		const code = networkCode(failure);
		const message = (failure as TransportFailure | undefined)?.message ?? 'request failed';
		const error = new NodeApiError(this.node, { message } as JsonObject, {
			message: `Cannot reach ${this.siteUrl}${code ? ` (${code})` : ''}`,
			description: `${req.method} /api/v4${req.path}: ${message}. Check that the server is running and reachable from n8n.`,
			itemIndex: req.itemIndex,
		});
		return code ? { kind: 'retryable', error } : { kind: 'fatal', error };
	}

	/** A NodeApiError with Cloudreve's code, message, hint and correlation ID. */
	apiError(envelope: CloudreveEnvelope, itemIndex?: number): NodeApiError {
		const shown = unwrapSingleBatchError(envelope);
		const { message, description } = describeEnvelope(shown);
		const error = new NodeApiError(this.node, shown as unknown as JsonObject, { message, description, itemIndex });
		Object.assign(error, {
			cloudreveCode: shown.code,
			correlationId: shown.correlation_id,
			...(shown.code === 40073 && Array.isArray(shown.data) ? { lockConflicts: shown.data } : {}),
		});
		return error;
	}

	/**
	 * An unauthenticated request to a signed or pre-signed URL (downloads, storage endpoints, callbacks). It
	 * never carries the access token.
	 */
	async rawRequest(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
		return (await this.ctx.helpers.httpRequest({
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: this.data.ignoreSslIssues === true,
		})) as IN8nHttpFullResponse;
	}
}

function isEnvelope(body: unknown): body is CloudreveEnvelope {
	return typeof body === 'object' && body !== null && typeof (body as CloudreveEnvelope).code === 'number';
}

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		// DELETE /share (batch) writes its error envelope and then a success envelope into one body
		// (cloudreve-api.md §1.3): the first object is the answer.
		const boundary = text.indexOf('}{');
		if (boundary > 0) {
			try {
				return JSON.parse(text.slice(0, boundary + 1));
			} catch {
				return text;
			}
		}
		return text;
	}
}

// One client per execution context: credentials are read once per execute()/poll() run, and the in-memory copy
// is kept up to date after a forced re-login, so a 500-item run signs in at most once.
const clients = new WeakMap<object, Promise<CloudreveClient>>();

export async function getClient(ctx: CloudreveContext): Promise<CloudreveClient> {
	let client = clients.get(ctx);
	if (!client) {
		client = ctx.getCredentials(CREDENTIAL_TYPE).then((data) => new CloudreveClient(ctx, { ...data }));
		clients.set(ctx, client);
	}
	return await client;
}
