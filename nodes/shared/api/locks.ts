// Locks (cloudreve-api.md §4, §2.6 Force unlock). A mutation on a locked path answers 40073 with the
// conflicting locks; their tokens are shown to the owner and release the locks via DELETE /file/lock.
import type { INodeProperties } from 'n8n-workflow';

import type { LockConflict } from '../errors';
import type { CloudreveClient } from '../transport/client';

export type LockPolicy = 'fail' | 'forceUnlock';

/** DELETE /file/lock: releases the given lock tokens. */
export async function forceUnlock(client: CloudreveClient, tokens: string[], itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/file/lock', body: { tokens }, itemIndex });
}

/** The conflicts carried by a 40073 error from the transport, if that is what `error` is. */
export function lockConflictsOf(error: unknown): LockConflict[] | undefined {
	const e = error as { cloudreveCode?: number; lockConflicts?: LockConflict[] } | undefined;
	return e?.cloudreveCode === 40073 ? (e.lockConflicts ?? []) : undefined;
}

/**
 * Runs a file mutation; with policy `forceUnlock`, a 40073 conflict whose tokens are visible releases those
 * locks and runs the mutation once more. Otherwise the error (listing each path, token and holder) propagates.
 */
export async function withLockPolicy<T>(
	client: CloudreveClient,
	policy: LockPolicy,
	mutation: () => Promise<T>,
	itemIndex?: number,
): Promise<T> {
	let conflicts: LockConflict[] | undefined;
	let first: unknown;
	try {
		return await mutation();
	} catch (error) {
		conflicts = lockConflictsOf(error);
		first = error;
	}
	const tokens = (conflicts ?? []).map((c) => c.token).filter((t): t is string => typeof t === 'string' && t !== '');
	if (policy !== 'forceUnlock' || !conflicts || tokens.length === 0) throw first;
	await forceUnlock(client, tokens, itemIndex);
	return await mutation();
}

/** The "If Locked" option for every operation that mutates files. */
export const lockPolicyOption: INodeProperties = {
	displayName: 'If Locked',
	name: 'ifLocked',
	type: 'options',
	default: 'fail',
	options: [
		{ name: 'Fail', value: 'fail', description: 'Stop with an error listing each locked path, its lock token and the application holding it' },
		{
			name: 'Force Unlock and Retry Once',
			value: 'forceUnlock',
			description: 'Release the conflicting locks (you must own them) and run the operation once more',
		},
	],
	description: 'What to do when another application (WebDAV client, online editor, unfinished upload) holds a lock on the file',
};
