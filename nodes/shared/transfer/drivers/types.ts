import type { CloudreveClient } from '../../transport/client';
import type { UploadSource } from '../source';
import type { UploadSessionResponse } from '../types';

export interface DriverContext {
	client: CloudreveClient;
	session: UploadSessionResponse;
	/** Declared file size in bytes. */
	size: number;
	mimeType?: string;
	itemIndex: number;
}

/**
 * One storage policy's way of moving bytes (cloudreve-api.md §3.2, §3.3). `chunks` drivers get every exact-size
 * chunk in order (safe to resend the same index after a failure), then `complete`; `single` drivers send the
 * whole source in one request.
 */
export type UploadDriver =
	| {
			mode: 'chunks';
			sendChunk(chunk: Buffer, index: number, offset: number): Promise<void>;
			complete(): Promise<void>;
	  }
	| {
			mode: 'single';
			sendWhole(source: UploadSource): Promise<void>;
			complete(): Promise<void>;
	  };

/** Timeout of one chunk or part request. */
export const CHUNK_TIMEOUT_MS = 30 * 60_000;
