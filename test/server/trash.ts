import { randomUUID } from 'node:crypto';
import { AppError, Code } from './errors';
import type { State } from './state';
import type { FileRecord } from './types';
import { formatUri, parseUri, pathSegments } from './uri';

// The trash model (§1.13, §2.6 Delete/Restore): a soft-deleted item moves under the owner's trash root,
// renamed to a UUID, with `sys:restore_uri` (where it came from) and `sys:expected_collect_time` (Unix seconds).

export const RESTORE_URI = 'sys:restore_uri';
export const EXPECTED_COLLECT_TIME = 'sys:expected_collect_time';

export function isInTrash(state: State, f: FileRecord): boolean {
	const owner = state.users.get(f.ownerId);
	return !!owner && state.rootOf(f) === owner.trashRootId;
}

/** Moves an item of `my` into the trash; returns its trash URI. */
export function softDelete(state: State, f: FileRecord): string {
	const owner = state.users.get(f.ownerId)!;
	const restoreUri = formatUri('my', pathSegments(state.pathOf(f)));
	const retention = state.groups.get(owner.groupId)?.trashRetention ?? 7 * 86400;
	const name = randomUUID();
	state.relink(f, owner.trashRootId, name);
	f.metadata[RESTORE_URI] = restoreUri;
	f.metadata[EXPECTED_COLLECT_TIME] = String(Math.floor(Date.now() / 1000) + retention);
	return formatUri('trash', [name]);
}

/** Puts a trash item back under its original name: parent gone → 40016, name taken → 40004. */
export function restore(state: State, f: FileRecord): FileRecord {
	const owner = state.users.get(f.ownerId)!;
	const uri = f.metadata[RESTORE_URI];
	if (!uri) throw new AppError(Code.ParentNotExist, 'Path not exist');
	const segments = parseUri(uri).segments;
	const parent = state.resolve(owner.myRootId, segments.slice(0, -1));
	if (!parent || parent.type !== 1) throw new AppError(Code.ParentNotExist, 'Path not exist');
	const name = segments[segments.length - 1];
	if (state.child(parent.id, name)) throw new AppError(Code.ObjectExist, 'Object existed');
	state.relink(f, parent.id, name);
	delete f.metadata[RESTORE_URI];
	delete f.metadata[EXPECTED_COLLECT_TIME];
	return f;
}
