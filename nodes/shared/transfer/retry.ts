// Per-chunk retry with backoff for transient faults (network, 5xx, 429), using n8n's `sleep`.
import { sleep } from 'n8n-workflow';

import { isTransient } from './failures';

export interface ChunkRetry {
	/** Tries per chunk, including the first. */
	attempts: number;
	baseDelayMs: number;
}

export const CHUNK_RETRY: ChunkRetry = { attempts: 3, baseDelayMs: 500 };

export async function withRetry<T>(work: (attempt: number) => Promise<T>, retry: ChunkRetry = CHUNK_RETRY): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			return await work(attempt);
		} catch (error) {
			failure = error;
		}
		if (attempt >= retry.attempts || !isTransient(failure)) throw failure;
		await sleep(retry.baseDelayMs * 2 ** (attempt - 1));
	}
}
