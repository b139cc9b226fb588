// A streamed download (n8n-notes §4): a signed URL from POST /file/url, fetched as a stream without the bearer
// token, handed to n8n's binary store. The file is never buffered whole.
import type { IBinaryData, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CloudreveEnvelope } from '../errors';
import type { CloudreveClient } from '../transport/client';
import { cloudreveCodeOf, storageError } from './failures';
import type { BinaryStream } from './source';

export interface DownloadUrlRequest {
	uris: string[];
	download?: boolean;
	archive?: boolean;
	entity?: string;
	no_cache?: boolean;
}

export interface DownloadUrlResponse {
	urls: Array<{ url: string; stream_saver_display_name?: string }>;
	expires: string;
}

export async function createDownloadUrl(client: CloudreveClient, body: DownloadUrlRequest, itemIndex: number): Promise<DownloadUrlResponse> {
	let failure: unknown;
	try {
		return await client.request<DownloadUrlResponse>({ method: 'POST', path: '/file/url', body: { ...body }, idempotent: true, itemIndex });
	} catch (error) {
		failure = error;
	}
	if (body.archive && cloudreveCodeOf(failure) === 40007) {
		const e = failure as NodeApiError;
		const wrapped = new NodeApiError(client.node, { message: e.message } as JsonObject, {
			message: 'Your user group may not download folders or several files as one zip archive',
			description:
				'Cloudreve needs the group permission "archive download" for this (only the Admin group has it by default). Ask an administrator to grant it, or download the files one by one.',
			itemIndex,
		});
		Object.assign(wrapped, { cloudreveCode: 40007 });
		throw wrapped;
	}
	throw failure;
}

/** The usable part of a Content-Type header ('' for generic types, so n8n guesses from the file name). */
function specificMime(header: unknown): string | undefined {
	const value = String(Array.isArray(header) ? header[0] : (header ?? '')).split(';')[0].trim().toLowerCase();
	if (!value || value === 'application/octet-stream' || value === 'binary/octet-stream') return undefined;
	return value;
}

/** Reads a small body (an error envelope); `complete` is false when it was longer than `limit`. */
async function readSome(stream: BinaryStream, limit = 1024 * 1024): Promise<{ text: string; complete: boolean }> {
	const parts: Buffer[] = [];
	let size = 0;
	for await (const piece of stream) {
		const buf = Buffer.from(piece as Buffer);
		size += buf.length;
		if (size <= limit) parts.push(buf);
	}
	return { text: Buffer.concat(parts).toString('utf8'), complete: size <= limit };
}

/** Any n8n context that can store binary data (execute and poll contexts both can). */
export type BinaryContext = { helpers: Pick<IExecuteFunctions['helpers'], 'prepareBinaryData'> };

/** Downloads a signed URL into n8n's binary store, streaming. */
export async function downloadUrlToBinary(
	ctx: BinaryContext,
	client: CloudreveClient,
	url: string,
	fileName: string,
	itemIndex: number,
): Promise<IBinaryData> {
	const absolute = /^https?:\/\//i.test(url) ? url : `${client.siteUrl}${url.startsWith('/') ? '' : '/'}${url}`;
	let response;
	try {
		response = await client.rawRequest({ method: 'GET', url: absolute, encoding: 'stream', timeout: 6 * 3_600_000 });
	} catch (cause) {
		throw storageError(client.node, `Downloading "${fileName}"`, { cause, transient: true });
	}
	const body = response.body as unknown as BinaryStream;
	const contentType = response.headers?.['content-type'];
	// Cloudreve answers errors on signed URLs (expired sign, missing entity) as a JSON envelope with HTTP 200; a
	// real file is sent with Content-Disposition (we ask for `download: true`), an envelope never is.
	const isEnvelope = /json/i.test(String(contentType ?? '')) && !response.headers?.['content-disposition'];
	if (response.statusCode >= 300 || isEnvelope) {
		const { text, complete } = await readSome(body);
		let envelope: CloudreveEnvelope | undefined;
		try {
			envelope = JSON.parse(text) as CloudreveEnvelope;
		} catch {
			envelope = undefined;
		}
		if (envelope && typeof envelope.code === 'number' && envelope.code !== 0) throw client.apiError(envelope, itemIndex);
		if (response.statusCode >= 300) {
			throw storageError(client.node, `Downloading "${fileName}"`, { status: response.statusCode, body: text, transient: response.statusCode >= 500 });
		}
		// A JSON file served without Content-Disposition (a storage provider ignoring `download`): keep it if whole.
		if (complete) return await ctx.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, 'application/json');
		throw storageError(client.node, `Downloading "${fileName}"`, { status: response.statusCode, body: 'a JSON body over 1 MiB without Content-Disposition', transient: false });
	}
	return await ctx.helpers.prepareBinaryData(body, fileName, specificMime(contentType));
}
