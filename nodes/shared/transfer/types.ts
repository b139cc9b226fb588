// Bodies of the upload endpoints, named as the API names them (cloudreve-api.md §3.1).
import type { StoragePolicy } from '../api/types';

/** `PUT /file/upload` body. */
export interface UploadSessionRequest {
	uri: string;
	size: number;
	policy_id?: string;
	last_modified?: number;
	mime_type?: string;
	metadata?: Record<string, string>;
	entity_type?: '' | 'version' | 'live_photo';
	previous?: string;
}

/** `PUT /file/upload` answer (`UploadSessionResponse`). */
export interface UploadSessionResponse {
	session_id: string;
	upload_id?: string;
	/** Bytes per chunk; 0 = the whole file in one request. */
	chunk_size: number;
	/** Unix seconds. */
	expires: number;
	upload_urls?: string[];
	credential?: string;
	completeURL?: string;
	storage_policy: StoragePolicy;
	uri: string;
	callback_secret: string;
	mime_type?: string;
	upload_policy?: string;
	encrypt_metadata?: unknown;
}
