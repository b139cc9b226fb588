import type { State } from '../state';
import type { FileRecord, PolicyRecord } from '../types';
import { usePolicy, type PolicyChoice } from './policies';
import { tables, type CallbackRecord, type ChunkFault, type ChunkRecord, type UploadSession } from './sessions';

export type { PolicyChoice, PolicyType } from './policies';
export { DEFAULT_CHUNK } from './policies';
export type { ChunkFault, ChunkRecord, CallbackRecord, UploadSession } from './sessions';

/** Test handle for uploads: pick a user's storage policy, inject chunk faults, inspect sessions and chunks. */
export interface UploadControl {
	/** Gives `email` a storage policy of the given type (e.g. `{type:'s3', chunkSize: 5 MiB}`). */
	use(email: string, choice: PolicyChoice): PolicyRecord;
	/** Fails chunk `index` (0-based; part number − 1) `times` times with a reset, a status or an expired session. */
	failChunk(fault: Omit<ChunkFault, 'times'> & { times?: number }): void;
	/** Upload sessions not yet completed or cancelled (expired ones included until cancelled). */
	openSessions(): UploadSession[];
	/** Files carrying `sys:upload_session_id`, or entities still marked as being uploaded. */
	placeholders(): Array<{ file: FileRecord; entityId: number }>;
	/** Every chunk/part the server or an emulated provider accepted, in order. */
	readonly chunks: ChunkRecord[];
	readonly callbacks: CallbackRecord[];
	/** Ends a session's lifetime now (the next chunk gets 40011). */
	expire(sessionId: string): void;
	/** Forgets logs and pending faults. */
	reset(): void;
}

export function uploadControl(server: { state: State }): UploadControl {
	const { state } = server;
	const t = tables(state);
	return {
		use(email, choice) {
			const user = state.userByEmail(email);
			if (!user) throw new Error(`unknown user ${email}`);
			return usePolicy(state, user, choice);
		},
		failChunk(fault) {
			t.faults.push({ ...fault, times: fault.times ?? 1 });
		},
		openSessions: () => [...t.sessions.values()].filter((s) => !s.finalised),
		placeholders() {
			const out: Array<{ file: FileRecord; entityId: number }> = [];
			for (const file of state.files.values()) {
				const marked = file.metadata['sys:upload_session_id'] !== undefined;
				const ent = file.entityIds.find((e) => state.entities.get(e)?.uploadSessionId !== undefined);
				if (marked || ent !== undefined) out.push({ file, entityId: ent ?? -1 });
			}
			return out;
		},
		get chunks() {
			return t.log;
		},
		get callbacks() {
			return t.callbacks;
		},
		expire(sessionId) {
			const s = t.sessions.get(sessionId);
			if (s) {
				s.expiresAt = 0;
				state.locks.release(s.lockToken);
			}
		},
		reset() {
			t.log.length = 0;
			t.callbacks.length = 0;
			t.faults.length = 0;
		},
	};
}
