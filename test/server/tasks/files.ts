import { validName } from '../fsnav';
import { PathConflictError, type State } from '../state';
import type { FileRecord, UserRecord } from '../types';
import { parseUri } from '../uri';
import { TaskFailure } from './engine';

// File-tree access for task runners: tasks act as their owner inside the owner's `my` filesystem.

export function ownerOf(state: State, userId: number): UserRecord {
	const u = state.users.get(userId);
	if (!u) throw new TaskFailure('task owner no longer exists');
	return u;
}

/** Segments of a `cloudreve://my/...` URI (the owner's filesystem); anything else fails the task. */
export function mySegments(uri: string): string[] {
	try {
		const parsed = parseUri(uri);
		if (parsed.fs !== 'my') throw new Error('not my');
		return parsed.segments;
	} catch {
		throw new TaskFailure(`unsupported uri: ${uri}`);
	}
}

export function resolveMine(state: State, user: UserRecord, uri: string): FileRecord {
	const f = state.resolve(user.myRootId, mySegments(uri));
	if (!f) throw new TaskFailure(`failed to get file "${uri}": Path not exist`);
	return f;
}

/**
 * Writes `content` as the file `segments` below the user's root, creating folders. `overwrite` adds a version
 * to an existing file; otherwise an existing item fails with "Object existed". Returns the file or an error text.
 */
export function writeFile(state: State, user: UserRecord, segments: string[], content: Buffer, overwrite: boolean): FileRecord | string {
	const name = segments[segments.length - 1];
	if (!name || !validName(name)) return `invalid object name "${name}"`;
	let parent: FileRecord;
	try {
		parent = state.mkdirp(user, segments.slice(0, -1));
	} catch (err) {
		if (err instanceof PathConflictError) return `a file is in the way: ${err.existing.name}`;
		throw err;
	}
	let file = state.child(parent.id, name);
	if (file && (file.type !== 0 || !overwrite)) return `Object existed: ${name}`;
	file ??= state.insertFile({ ownerId: user.id, type: 0, name, parentId: parent.id });
	const blob = state.blobs.writeBuffer(content);
	state.addVersion(file, blob, user.id, state.policyOf(user).id);
	return file;
}

/** Makes sure the folder `segments` exists (mkdir -p); returns an error text when a file is in the way. */
export function ensureFolder(state: State, user: UserRecord, segments: string[]): FileRecord | string {
	try {
		return state.mkdirp(user, segments);
	} catch (err) {
		if (err instanceof PathConflictError) return `a file is in the way: ${err.existing.name}`;
		throw err;
	}
}
