import type { Ctx } from '../context';
import { AppError, Code } from '../errors';
import {
	assertChunkIndex,
	chunkCount,
	declaredLength,
	expectedChunkLength,
	recordChunk,
	takeChunkFault,
	writeAt,
	type UploadSession,
} from './sessions';

// Chunk intake shared by POST /file/upload/:id/:i (local, relay) and the emulated slave node (remote).

/** Applies a test's chunk fault; true when the response was already written (reset / status). */
export function applyChunkFault(ctx: Ctx, s: UploadSession, index: number): boolean {
	const fault = takeChunkFault(ctx.state, s, index);
	if (!fault) return false;
	if (fault.kind === 'expire') {
		s.expiresAt = 0;
		ctx.state.locks.release(s.lockToken);
		return false;
	}
	ctx.handled = true;
	if (fault.kind === 'reset') {
		ctx.req.socket.destroy();
		return true;
	}
	ctx.req.resume();
	const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
	if (fault.kind === 429) headers['Retry-After'] = '0';
	ctx.respond(fault.kind, headers, `<html><body><h1>${fault.kind}</h1></body></html>`);
	return true;
}

/** Writes chunk `index` of a local/relay/remote session; finalises when the set is complete (§3.2). */
export async function receiveChunk(ctx: Ctx, s: UploadSession, index: number, via: string): Promise<void> {
	assertChunkIndex(s, index);
	const expected = expectedChunkLength(s, index);
	const declared = declaredLength(ctx.req);
	if (declared !== expected) {
		ctx.req.resume();
		throw new AppError(Code.InvalidContentLength, `Invalid Content-Length (expected: ${expected})`);
	}
	await writeAt(ctx.state, s, ctx.req, s.chunkSize > 0 ? index * s.chunkSize : 0, expected);
	recordChunk(ctx.state, s, index, expected, via);
	if (s.finalised) return;
	s.received.add(index);
	if (s.received.size >= chunkCount(s)) {
		s.objectComplete = true;
		s.objectSize = s.size;
	}
}
