import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forceUnlock, lockConflictsOf } from '../../../shared/api/locks';
import { toNodeError, type LockConflict } from '../../../shared/errors';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['lock'], operation: ['unlockByPath'] };

/** A metadata key no client uses: removing it changes nothing, but Cloudreve must lock the item to try. */
const PROBE_KEY = 'customize:n8n_unlock_probe';
const MAX_ROUNDS = 3;

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'target',
		displayName: 'File or Folder',
		target: 'any',
		description:
			'The locked item. Cloudreve has no "list locks" call, so the node asks for a harmless change (removing an unused metadata key); if the item is locked, Cloudreve refuses with the conflicting locks and their tokens, which the node then releases. Works for items in your own drive.',
		displayOptions: { show },
	}),
];

/** Runs the harmless mutation; returns the conflicts Cloudreve reports, or [] when nothing is locked. */
async function probe(client: CloudreveClient, uri: string, i: number): Promise<LockConflict[]> {
	try {
		await client.request({
			method: 'PATCH',
			path: '/file/metadata',
			body: { uris: [uri], patches: [{ key: PROBE_KEY, remove: true }] },
			itemIndex: i,
		});
		return [];
	} catch (error) {
		const conflicts = lockConflictsOf(error);
		if (conflicts) return conflicts;
		throw toNodeError(client.node, error, i);
	}
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'target', i);
	const released: string[] = [];
	const holders: Array<{ path: string; application: string; token: string }> = [];
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const conflicts = await probe(client, uri, i);
		if (conflicts.length === 0) return { json: { uri, locked: released.length > 0, released, locks: holders } };
		const tokens = conflicts.map((c) => c.token).filter((t): t is string => typeof t === 'string' && t !== '');
		if (tokens.length === 0) {
			throw new NodeOperationError(this.getNode(), 'The item is locked, but Cloudreve does not show you the lock tokens', {
				itemIndex: i,
				description: 'Lock tokens are shown only to the owner of the locked files. Ask the owner (or an administrator) to release the lock.',
			});
		}
		await forceUnlock(client, tokens, i);
		for (const c of conflicts) {
			if (!c.token) continue;
			released.push(c.token);
			holders.push({ path: c.path, application: c.owner?.application?.type ?? 'unknown', token: c.token });
		}
	}
	throw new NodeOperationError(this.getNode(), 'The item is still locked after releasing its locks several times', {
		itemIndex: i,
		description: 'Another application keeps taking new locks (an open editor or an active WebDAV client). Close it and retry.',
	});
}
