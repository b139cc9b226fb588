// Presigned multipart uploads (§3.3): S3, KS3, COS and OBS (PUT parts, keep ETags, POST the part list as XML to
// completeURL; S3/KS3/COS then call the Cloudreve callback themselves) and OSS (PUT parts, POST completeURL with
// `x-oss-complete-all`, OSS calls Cloudreve back). Part i+1 is upload_urls[i].
import type { CloudreveEnvelope } from '../../errors';
import { bodyJson, bodyText, storageError } from '../failures';
import { callCompletionCallback } from './callback';
import { CHUNK_TIMEOUT_MS, type DriverContext, type UploadDriver } from './types';

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function completeMultipartXml(parts: Array<{ partNumber: number; etag: string }>): string {
	const body = parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${xmlEscape(p.etag)}</ETag></Part>`).join('');
	return `<CompleteMultipartUpload>${body}</CompleteMultipartUpload>`;
}

/** Throws when a provider answer to the completion is an error (S3 may answer 200 with an <Error> body). */
function checkCompletion(dc: DriverContext, what: string, status: number, body: unknown): void {
	const text = bodyText(body);
	const envelope = bodyJson<CloudreveEnvelope>(body);
	// OSS and OBS relay the answer of Cloudreve's callback as the completion's answer.
	if (envelope && typeof envelope.code === 'number' && envelope.code !== 0) throw dc.client.apiError(envelope, dc.itemIndex);
	if (status >= 300 || /<Error>/.test(text)) {
		throw storageError(dc.client.node, what, { status, body: text, transient: status >= 500 || status === 429 || /InternalError|SlowDown/.test(text) });
	}
}

export function multipartDriver(dc: DriverContext): UploadDriver {
	const { client, session } = dc;
	const type = session.storage_policy.type;
	const etags: string[] = [];
	const urls = session.upload_urls ?? [];
	return {
		mode: 'chunks',
		async sendChunk(chunk, index) {
			const url = urls[index];
			if (!url) {
				throw storageError(client.node, `Part ${index + 1}`, { transient: false, body: `the session has ${urls.length} part URLs` });
			}
			let response;
			try {
				response = await client.rawRequest({
					method: 'PUT',
					url,
					body: chunk,
					headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length) },
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, `Part ${index + 1} to ${type}`, { cause, transient: true });
			}
			if (response.statusCode >= 300) {
				throw storageError(client.node, `Part ${index + 1} to ${type}`, {
					status: response.statusCode,
					body: bodyText(response.body),
					transient: response.statusCode >= 500 || response.statusCode === 429,
				});
			}
			const etag = response.headers?.etag;
			etags[index] = Array.isArray(etag) ? String(etag[0]) : String(etag ?? '');
		},
		async complete() {
			if (!session.completeURL) throw storageError(client.node, `Completing the ${type} upload`, { transient: false, body: 'the session has no completeURL' });
			const parts = urls.map((_, i) => ({ partNumber: i + 1, etag: etags[i] ?? '' }));
			const oss = type === 'oss';
			const headers: Record<string, string> = oss
				? { 'x-oss-forbid-overwrite': 'true', 'x-oss-complete-all': 'yes' }
				: { 'Content-Type': type === 'obs' ? 'application/octet-stream' : 'application/xml' };
			if (type === 'cos') headers['x-cos-forbid-overwrite'] = 'true';
			let response;
			try {
				response = await client.rawRequest({
					method: 'POST',
					url: session.completeURL,
					headers,
					body: oss ? undefined : completeMultipartXml(parts),
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, `Completing the ${type} upload`, { cause, transient: true });
			}
			checkCompletion(dc, `Completing the ${type} upload`, response.statusCode, response.body);
			// S3, KS3 and COS have no provider-side callback: the client tells Cloudreve (§2.4).
			if (type === 's3' || type === 'ks3' || type === 'cos') await callCompletionCallback(dc, 'GET');
		},
	};
}
