// Upyun (§3.3): one multipart/form-data POST with the fields `policy`, `authorization`, optional `content-type`
// and the file last; no chunking. Upyun calls Cloudreve back. The form body is built here: a stored binary is
// streamed between the form head and tail, so even a large file is never held in memory.
import { randomBytes } from 'node:crypto';

import type { CloudreveEnvelope } from '../../errors';
import { bodyJson, bodyText, storageError } from '../failures';
import type { BinaryStream, UploadSource } from '../source';
import { CHUNK_TIMEOUT_MS, type DriverContext, type UploadDriver } from './types';

type StreamFactory = { from?: (iterable: AsyncIterable<Buffer>) => BinaryStream };

function formHead(boundary: string, fields: Array<[string, string]>, fileName: string): Buffer {
	const quoted = (s: string) => s.replace(/["\r\n]/g, '_');
	let head = '';
	for (const [name, value] of fields) head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
	head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
	return Buffer.from(head, 'utf8');
}

/** The form body: one Buffer for in-memory content, a stream of head + file stream + tail otherwise. */
async function formBody(source: UploadSource, head: Buffer, tail: Buffer): Promise<Buffer | BinaryStream> {
	const raw = await source.openRaw();
	if (Buffer.isBuffer(raw)) return Buffer.concat([head, raw, tail]);
	// Readable.from, reached through the binary stream's own class (every Node stream class inherits it), so no
	// `stream` import is needed in the package.
	const from = (raw.constructor as unknown as StreamFactory).from;
	async function* parts(): AsyncGenerator<Buffer> {
		yield head;
		for await (const piece of raw) yield piece as Buffer;
		yield tail;
	}
	if (typeof from === 'function') return from.call(raw.constructor, parts());
	const all: Buffer[] = [];
	for await (const piece of parts()) all.push(piece);
	return Buffer.concat(all);
}

export function upyunDriver(dc: DriverContext): UploadDriver {
	const { client, session } = dc;
	return {
		mode: 'single',
		async sendWhole(source) {
			const boundary = `----n8nCloudreve${randomBytes(12).toString('hex')}`;
			const fields: Array<[string, string]> = [
				['policy', session.upload_policy ?? ''],
				['authorization', session.credential ?? ''],
			];
			const mime = session.mime_type || source.mimeType;
			if (mime) fields.push(['content-type', mime]);
			const head = formHead(boundary, fields, source.fileName);
			const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
			const body = await formBody(source, head, tail);
			let response;
			try {
				response = await client.rawRequest({
					method: 'POST',
					url: session.upload_urls?.[0] ?? '',
					body: body as Buffer,
					headers: {
						'Content-Type': `multipart/form-data; boundary=${boundary}`,
						'Content-Length': String(head.length + source.size + tail.length),
					},
					json: true,
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, 'The Upyun form upload', { cause, transient: true });
			}
			const envelope = bodyJson<CloudreveEnvelope>(response.body);
			if (envelope && typeof envelope.code === 'number' && envelope.code !== 0) throw client.apiError(envelope, dc.itemIndex);
			if (response.statusCode >= 300) {
				throw storageError(client.node, 'The Upyun form upload', {
					status: response.statusCode,
					body: bodyText(response.body),
					transient: response.statusCode >= 500 || response.statusCode === 429,
				});
			}
		},
		complete: async () => {},
	};
}
