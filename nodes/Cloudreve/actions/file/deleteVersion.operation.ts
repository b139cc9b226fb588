import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { deleteVersion } from '../../../shared/api/files';
import { withLockPolicy } from '../../../shared/api/locks';
import { readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { lockPolicyOf } from './batch';
import { readVersion, versionDescription } from './version';

export const description = versionDescription('deleteVersion', 'delete (not the current one)');

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const version = readVersion(this, i);
	await withLockPolicy(client, lockPolicyOf(this, i), async () => await deleteVersion(client, uri, version, i), i);
	return { json: { success: true, uri, deletedVersion: version } };
}
