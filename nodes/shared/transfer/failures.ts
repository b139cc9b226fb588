// How a transfer step failed, and whether trying it again can help. Network faults, HTTP 5xx and 429 are
// transient; Cloudreve application codes are not (40013 is a bug in the chunking, 40011 restarts the session).
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface TransferFailure {
	transient?: boolean;
	cloudreveCode?: number;
	httpCode?: string | null;
	message: string;
	description?: string | null;
}

/** Marks an error from CloudreveClient.request/envelope as transient or not. */
export function isTransient(error: unknown): boolean {
	const e = error as TransferFailure | undefined;
	if (!e) return false;
	if (e.transient !== undefined) return e.transient;
	if (typeof e.cloudreveCode === 'number') return false;
	const http = Number(e.httpCode);
	if (http === 429 || http >= 500) return true;
	// The transport words unreachable servers (ECONNRESET, ETIMEDOUT …) as "Cannot reach …"; NodeApiError then
	// swaps in n8n's descriptive text for known network codes and keeps the original in `messages`.
	const texts = [e.message ?? '', ...((e as { messages?: string[] }).messages ?? [])];
	return texts.some((t) => /^Cannot reach /.test(t));
}

export function cloudreveCodeOf(error: unknown): number | undefined {
	const code = (error as TransferFailure | undefined)?.cloudreveCode;
	return typeof code === 'number' ? code : undefined;
}

/** An error about a storage-provider or callback request (never carries URLs with signatures). */
export function storageError(
	node: INode,
	what: string,
	detail: { status?: number; body?: string; cause?: unknown; transient: boolean; cloudreveCode?: number },
): NodeApiError {
	const causeMessage = (detail.cause as { message?: string } | undefined)?.message;
	const message = detail.status !== undefined ? `${what} failed with HTTP ${detail.status}` : `${what} failed: ${causeMessage ?? 'network error'}`;
	const body = detail.body ? detail.body.slice(0, 500) : undefined;
	const error = new NodeApiError(node, { message, body: body ?? '' } as JsonObject, {
		message,
		description: body ? `The storage answered: ${body}` : undefined,
		httpCode: detail.status !== undefined ? String(detail.status) : undefined,
	});
	Object.assign(error, { transient: detail.transient, cloudreveCode: detail.cloudreveCode });
	return error;
}

/** Text of a raw response body (string, Buffer or parsed JSON). */
export function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	try {
		return JSON.stringify(body);
	} catch {
		return String(body);
	}
}

/** A parsed JSON body, or undefined. */
export function bodyJson<T = unknown>(body: unknown): T | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as T;
	const text = bodyText(body);
	try {
		return JSON.parse(text) as T;
	} catch {
		return undefined;
	}
}
