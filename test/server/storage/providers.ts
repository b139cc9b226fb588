import { randomBytes } from 'node:crypto';
import type { State } from '../state';
import { chunkCount, type UploadSession } from './sessions';
import { presign, slaveCredential } from './sign';

// What `PUT /file/upload` hands out per policy type (§3.1, §3.3): loopback URLs of the emulated providers on
// this same server, presigned like the real ones, plus the credential fields each protocol needs.

export const S3_LIKE = new Set(['s3', 'ks3', 'cos', 'obs', 'oss']);

export interface ProviderFields {
	upload_id?: string;
	upload_urls?: string[];
	credential?: string;
	completeURL?: string;
	mime_type?: string;
	upload_policy?: string;
}

export const s3PartPath = (type: string, sessionId: string, part: number) => `/__storage/${type}/${sessionId}/part/${part}`;
export const s3CompletePath = (type: string, sessionId: string) => `/__storage/${type}/${sessionId}/complete`;
export const onedrivePath = (sessionId: string) => `/__storage/onedrive/${sessionId}`;
export const qiniuBasePath = (sessionId: string, uploadId: string) => `/__storage/qiniu/${sessionId}/uploads/${uploadId}`;
export const upyunPath = (sessionId: string) => `/__storage/upyun/${sessionId}`;
export const slavePath = (sessionId: string) => `/__slave/api/v4/slave/upload/${sessionId}`;

function signedUrl(state: State, method: string, path: string, extra: Record<string, string> = {}): string {
	const q = new URLSearchParams({ ...extra, sig: presign(state, method, path) });
	return `${state.siteUrl}${path}?${q.toString()}`;
}

/** Fills the provider side of a new session and returns the response fields. */
export function prepareProvider(state: State, s: UploadSession): ProviderFields {
	const type = s.policy.type;
	if (type === 'local' || s.policy.relay) return {};
	if (type === 'remote') {
		const path = slavePath(s.id);
		s.credential = slaveCredential(state, path, Math.floor(s.expiresAt / 1000));
		return { upload_urls: [`${state.siteUrl}${path}`], credential: s.credential };
	}
	if (S3_LIKE.has(type)) {
		s.uploadId = randomBytes(16).toString('hex');
		const parts = chunkCount(s);
		const upload_urls = Array.from({ length: parts }, (_, i) => signedUrl(state, 'PUT', s3PartPath(type, s.id, i + 1), { uploadId: s.uploadId! }));
		return { upload_id: s.uploadId, upload_urls, completeURL: signedUrl(state, 'POST', s3CompletePath(type, s.id), { uploadId: s.uploadId }) };
	}
	if (type === 'onedrive') return { upload_urls: [signedUrl(state, 'PUT', onedrivePath(s.id))] };
	if (type === 'qiniu') {
		s.uploadId = randomBytes(16).toString('hex');
		s.credential = `qiniu-uptoken:${presign(state, 'UPTOKEN', s.id)}`;
		return {
			upload_id: s.uploadId,
			upload_urls: [`${state.siteUrl}${qiniuBasePath(s.id, s.uploadId)}`],
			credential: s.credential,
			mime_type: s.mimeType ?? 'application/octet-stream',
		};
	}
	if (type === 'upyun') {
		s.uploadPolicy = Buffer.from(JSON.stringify({ bucket: 'test', 'save-key': `/${s.id}`, expiration: Math.floor(s.expiresAt / 1000) })).toString('base64');
		s.credential = `UPYUN test:${presign(state, 'UPYUN', s.uploadPolicy)}`;
		return { upload_urls: [`${state.siteUrl}${upyunPath(s.id)}`], credential: s.credential, upload_policy: s.uploadPolicy, mime_type: s.mimeType };
	}
	return {};
}
