// OneDrive (§3.3): ranged PUTs to the pre-authorised Graph upload-session URL, then the client-called
// callback. A `fragmentOverlap` (416) after a lost answer is resolved by asking the session which ranges are
// still expected.
import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { bodyJson, bodyText, storageError } from '../failures';
import { callCompletionCallback } from './callback';
import { CHUNK_TIMEOUT_MS, type DriverContext, type UploadDriver } from './types';

/** Whether the Graph session no longer expects bytes at `offset` (they arrived before). */
async function alreadyReceived(dc: DriverContext, url: string, offset: number): Promise<boolean> {
	const status = await dc.client.rawRequest({ method: 'GET', url, json: true, timeout: 60_000 });
	const ranges = bodyJson<{ nextExpectedRanges?: string[] }>(status.body)?.nextExpectedRanges;
	if (!ranges) return false;
	if (ranges.length === 0) return true;
	const next = Number(String(ranges[0]).split('-')[0]);
	return Number.isFinite(next) && next > offset;
}

export function onedriveDriver(dc: DriverContext): UploadDriver {
	const { client, session, size } = dc;
	const url = session.upload_urls?.[0] ?? '';
	return {
		mode: 'chunks',
		async sendChunk(chunk, index, offset) {
			if (size === 0) throw storageError(client.node, 'OneDrive', { transient: false, body: 'OneDrive cannot store empty files through an upload session' });
			let response: IN8nHttpFullResponse;
			try {
				response = await client.rawRequest({
					method: 'PUT',
					url,
					body: chunk,
					headers: {
						'Content-Length': String(chunk.length),
						'Content-Range': `bytes ${offset}-${offset + chunk.length - 1}/${size}`,
					},
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, `Range ${index + 1} to OneDrive`, { cause, transient: true });
			}
			if (response.statusCode === 416 && (await alreadyReceived(dc, url, offset))) return;
			if (response.statusCode >= 300) {
				throw storageError(client.node, `Range ${index + 1} to OneDrive`, {
					status: response.statusCode,
					body: bodyText(response.body),
					transient: response.statusCode >= 500 || response.statusCode === 429,
				});
			}
		},
		complete: async () => await callCompletionCallback(dc, 'POST'),
	};
}
