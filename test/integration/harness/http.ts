// n8n's `helpers.httpRequest`, reproduced on axios the way n8n-core converts IHttpRequestOptions
// (packages/core .../request-helper-functions.ts): qs → params, json bodies, Buffer/stream bodies,
// returnFullResponse, ignoreHttpStatusErrors, encoding 'stream' | 'arraybuffer', skipSslCertificateValidation.
import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { Agent as HttpsAgent } from 'https';
import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

export interface HttpRecord {
	method: string;
	url: string;
	status?: number;
	error?: string;
	headers: Record<string, unknown>;
}

/** Every request the harness sent, for secret-leak and request-count checks. */
export const httpLog: HttpRecord[] = [];

export async function n8nHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		url: options.url,
		baseURL: options.baseURL,
		headers: { ...(options.headers as Record<string, string> | undefined) },
		params: options.qs,
		timeout: options.timeout,
		maxRedirects: options.disableFollowRedirect ? 0 : 21,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		validateStatus: () => true,
		decompress: true,
	};
	if (options.skipSslCertificateValidation) config.httpsAgent = new HttpsAgent({ rejectUnauthorized: false });
	if (options.encoding === 'stream') config.responseType = 'stream';
	else if (options.encoding === 'arraybuffer') config.responseType = 'arraybuffer';
	else if (options.json) config.responseType = 'json';
	if (options.body !== undefined) {
		config.data = options.body;
		const isRaw = Buffer.isBuffer(options.body) || typeof (options.body as { pipe?: unknown }).pipe === 'function';
		if (!isRaw && typeof options.body === 'object' && !hasHeader(config.headers as Record<string, string>, 'content-type')) {
			(config.headers as Record<string, string>)['Content-Type'] = 'application/json';
		}
	}
	if (options.json && !hasHeader(config.headers as Record<string, string>, 'accept')) {
		(config.headers as Record<string, string>).Accept = 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1';
	}
	const record: HttpRecord = { method: String(config.method), url: `${options.baseURL ?? ''}${options.url}`, headers: { ...(config.headers as object) } };
	httpLog.push(record);
	let response: AxiosResponse;
	try {
		response = await axios(config);
	} catch (error) {
		record.error = (error as Error).message;
		throw error;
	}
	record.status = response.status;
	let body: unknown = response.data;
	if (options.json && typeof body === 'string' && body !== '') {
		try {
			body = JSON.parse(body);
		} catch {
			// leave as text, like n8n
		}
	}
	if (response.status >= 400 && !options.ignoreHttpStatusErrors) {
		const error = new Error(`Request failed with status code ${response.status}`) as Error & { response: unknown; httpCode: string };
		error.response = { status: response.status, data: body, headers: response.headers };
		error.httpCode = String(response.status);
		throw error;
	}
	if (options.returnFullResponse) {
		const full: IN8nHttpFullResponse = {
			body: body as IN8nHttpFullResponse['body'],
			headers: response.headers as IN8nHttpFullResponse['headers'],
			statusCode: response.status,
			statusMessage: response.statusText,
		};
		return full;
	}
	return body;
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
	return Object.keys(headers ?? {}).some((k) => k.toLowerCase() === name);
}
